package io.acmectl;

import io.acmectl.cli.AcmectlCommand;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(AcmectlCommand.run(args, System.out, System.err));
    }
}
