package io.actorpreload.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Builds the TLS context of an https registry client from its trust store and optional key store. */
final class SslContexts {
    private SslContexts() {}

    /** The configured context, or the JVM's default when neither store is configured. */
    static SSLContext fromConfig(SchemaRegistryClientConfig config) {
        String trustStore = config.getString(SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG);
        String keyStore = config.getString(SchemaRegistryClientConfig.SSL_KEYSTORE_LOCATION_CONFIG);
        try {
            if (trustStore.isEmpty() && keyStore.isEmpty()) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory trust = null;
            if (!trustStore.isEmpty()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(
                        trustStore,
                        config.getString(SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG),
                        config.getPassword(SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG)));
            }
            KeyManagerFactory keys = null;
            if (!keyStore.isEmpty()) {
                Password password = config.getPassword(SchemaRegistryClientConfig.SSL_KEYSTORE_PASSWORD_CONFIG);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(
                        load(keyStore, config.getString(SchemaRegistryClientConfig.SSL_KEYSTORE_TYPE_CONFIG), password),
                        password.value().toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("Cannot set up TLS for the schema registry client from trust store '"
                    + trustStore + "' and key store '" + keyStore + "': " + e.getMessage()
                    + ". Check the schema.registry.ssl.* settings.");
        }
    }

    private static KeyStore load(String location, String type, Password password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password.value().isEmpty() ? null : password.value().toCharArray());
        }
        return store;
    }
}
