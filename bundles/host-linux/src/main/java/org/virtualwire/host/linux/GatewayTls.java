package org.virtualwire.host.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * The TLS identity the local clouds' gateways share to seal what crosses between them outside the VXLAN
 * relay (a migration stream): one EC key pair made by the JDK's keytool on first use, kept with the
 * driver's files; each side trusts exactly that certificate and requires it of the other.
 */
public final class GatewayTls {
    private static final char[] PASSWORD = "virtualwire".toCharArray();

    private final Path store;
    private final Kernel kernel;
    private SSLContext context;

    /** @param store the PKCS#12 key store, made if missing */
    public GatewayTls(Path store, Kernel kernel) {
        this.kernel = kernel;
        this.store = store;
    }

    public synchronized SSLContext context() throws IOException {
        if (context == null) {
            try {
                context = load();
            } catch (GeneralSecurityException | KernelException e) {
                throw new IOException("cannot set up TLS between gateways: " + e.getMessage(), e);
            }
        }
        return context;
    }

    private SSLContext load() throws IOException, GeneralSecurityException, KernelException {
        if (!Files.exists(store)) {
            Files.createDirectories(store.getParent());
            Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            kernel.run(List.of(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=virtualwire-gateway", "-validity", "3650", "-storetype", "PKCS12",
                    "-keystore", tmp.toString(), "-storepass", new String(PASSWORD)), null);
            Files.move(tmp, store, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, PASSWORD);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext c = SSLContext.getInstance("TLSv1.3");
        c.init(km.getKeyManagers(), tm.getTrustManagers(), null);
        return c;
    }
}
