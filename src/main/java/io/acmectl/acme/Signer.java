package io.acmectl.acme;

import io.acmectl.core.CaServer;
import java.net.URL;
import java.security.KeyPair;

/** Who signs requests to a CA: an account (its URL at the CA) and the key it is known by. */
public record Signer(CaServer server, URL accountUrl, KeyPair key) {}
