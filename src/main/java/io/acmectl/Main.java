package io.acmectl;

import io.acmectl.cli.AcmectlCommand;
import io.acmectl.cli.LogProvider;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LogProvider.choose(); // before anything logs
        int exitCode = AcmectlCommand.run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        stopHttpClientSelectors();
        System.exit(exitCode);
    }

    /**
     * On Java 17 the JVM waits 300 ms at exit for any thread blocked in native code (JDK-8314243;
     * tunable only from Java 22), and java.net.http's selector thread always is: a fifth of an
     * issuance. Interrupting it ends its loop at once. Only done here, right before exit.
     */
    private static void stopHttpClientSelectors() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
                try {
                    thread.join(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
