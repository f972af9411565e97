package nl.overdracht.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.overdracht.crypto.CmsPackager;
import nl.overdracht.crypto.CmsPackages;
import nl.overdracht.crypto.ContentEncryption;
import nl.overdracht.crypto.SigningIdentity;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throughput of {@link CmsPackager#signAndEncrypt} (an RSA-3072 and an ECDSA P-256 signing identity in
 * turn, RSA-3072 recipient) at about 20 KB and 175 KB of dossier-like text, beside raw AES-256-GCM over
 * the same bytes in the same run, single-threaded and with more threads. Each cell: a warm-up, then a
 * timed run counting
 * completed operations. A rough guide for capacity planning, not a statistical benchmark (use JMH
 * for that); other load on the machine shows in the figures.
 *
 * <p>Arguments: {@code --warmup-seconds N} (default 3), {@code --seconds N} (default 5),
 * {@code --threads 1,2} (default 1,2).
 */
public final class CmsBenchmark {

    private static final int[] SIZES = {20 * 1024, 175 * 1024};

    private CmsBenchmark() {
    }

    /** One measured operation over one content. */
    private interface Operation {
        int run(byte[] content) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Duration warmup = Duration.ofSeconds(3);
        Duration measure = Duration.ofSeconds(5);
        int[] threadCounts = {1, 2};
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                case "--threads" -> threadCounts = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }

        KeyPair schoolKeys = rsa3072();
        X509Certificate school = selfSigned(schoolKeys, "CN=Benchmark school", KeyUsage.keyEncipherment);
        System.out.printf("CMS sign-then-encrypt benchmark: Java %s, %d available processors, warm-up %ds, run %ds%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                warmup.toSeconds(), measure.toSeconds());
        KeyPair rsaSigner = rsa3072();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecSigner = ec.generateKeyPair();
        for (KeyPair signerKeys : List.of(rsaSigner, ecSigner)) {
            SigningIdentity identity = new SigningIdentity(signerKeys.getPrivate(),
                    selfSigned(signerKeys, "CN=Benchmark signer", KeyUsage.digitalSignature));
            System.out.println();
            System.out.println("signer " + (identity.isEc() ? "ECDSA P-256" : "RSA-3072") + " "
                    + identity.signatureAlgorithm() + "; recipient RSA-3072 RSA-OAEP-SHA256");
            System.out.printf("%-9s %-40s %7s %12s %10s%n", "content", "operation", "threads", "ops/s", "MB/s");
            measureAll(new CmsPackager(identity), identity, school, schoolKeys, threadCounts, warmup, measure);
        }
    }

    private static void measureAll(CmsPackager packager, SigningIdentity identity, X509Certificate school,
            KeyPair schoolKeys, int[] threadCounts, Duration warmup, Duration measure) throws Exception {
        for (int size : SIZES) {
            byte[] content = dossierText(size);
            for (ContentEncryption mode : ContentEncryption.values()) {
                byte[] sample = packager.signAndEncrypt(content, school, mode);
                if (!Arrays.equals(CmsPackages.decryptAndVerify(sample, schoolKeys.getPrivate(),
                        identity.certificate()), content)) {
                    throw new IllegalStateException("round trip failed");
                }
            }
            String label = (size / 1024) + " KB";
            for (int threads : threadCounts) {
                report(label, "sign + encrypt, AES-256-CBC (Enveloped)", threads, size,
                        measure(c -> packager.signAndEncrypt(c, school, ContentEncryption.AES256_CBC).length,
                                content, threads, warmup, measure), measure);
                report(label, "sign + encrypt, AES-256-GCM (AuthEnv.)", threads, size,
                        measure(c -> packager.signAndEncrypt(c, school, ContentEncryption.AES256_GCM).length,
                                content, threads, warmup, measure), measure);
                report(label, "raw AES-256-GCM, same bytes", threads, size,
                        measure(CmsBenchmark::rawGcm, content, threads, warmup, measure), measure);
            }
        }
    }

    private static void report(String label, String operation, int threads, int size, long operations,
            Duration measured) {
        double perSecond = operations / (measured.toNanos() / 1e9);
        System.out.printf("%-9s %-40s %7d %12.1f %10.1f%n", label, operation, threads, perSecond,
                perSecond * size / (1024.0 * 1024.0));
    }

    /** Completed operations in {@code measure}, after {@code warmup}, over all threads. */
    private static long measure(Operation operation, byte[] content, int threads, Duration warmup, Duration measure)
            throws Exception {
        run(operation, content, threads, warmup);
        return run(operation, content, threads, measure);
    }

    private static long run(Operation operation, byte[] content, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    long count = 0;
                    long sink = 0;
                    while (System.nanoTime() < deadline) {
                        sink += operation.run(content);
                        count++;
                    }
                    return new long[] {count, sink};
                }));
            }
            long total = 0;
            long sink = 0;
            for (Future<long[]> result : results) {
                total += result.get()[0];
                sink += result.get()[1];
            }
            if (sink == 42) {
                System.out.print(""); // keeps the results alive
            }
            return total;
        } finally {
            pool.shutdown();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SecretKeySpec GCM_KEY;

    static {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        GCM_KEY = new SecretKeySpec(key, "AES");
    }

    private static int rawGcm(byte[] content) throws Exception {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, GCM_KEY, new GCMParameterSpec(128, nonce));
        return gcm.doFinal(content).length;
    }

    /** JSON-ish Dutch text of exactly {@code size} bytes, from a fixed seed. */
    static byte[] dossierText(int size) {
        String[] words = {"leerling", "groep", "rekenen", "taal", "begrijpend", "lezen", "spelling", "toets",
            "observatie", "zorg", "ondersteuning", "ontwikkeling", "werkhouding", "sociaal", "emotioneel",
            "verslag", "niveau", "methode", "gemiddeld", "voldoende", "goed", "aandacht", "plan", "doel"};
        Random random = new Random(20240901L);
        StringBuilder text = new StringBuilder(size + 64).append("{\"observaties\":[");
        while (text.length() < size) {
            text.append("{\"datum\":\"2024-0").append(1 + random.nextInt(9)).append("-1")
                    .append(random.nextInt(10)).append("\",\"tekst\":\"");
            for (int w = 0, n = 8 + random.nextInt(24); w < n; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            text.append("\"},");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, size);
    }

    private static KeyPair rsa3072() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys, String subject, int keyUsage) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                keys.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(keys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA"
                        : "SHA256withRSA").build(keys.getPrivate())));
    }
}
