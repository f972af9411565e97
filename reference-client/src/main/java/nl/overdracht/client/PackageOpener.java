package nl.overdracht.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Opens a delivery package as the receiving school does: decrypts the CMS EnvelopedData or AuthEnvelopedData
 * with the school's private key, verifies the SignedData inside against Overdracht's signing certificate (the
 * one the school was given, not one the package carries), and checks the content against the manifest's
 * SHA-256 and length. Any failure is a {@link RefusedPackage} naming which check failed.
 */
public final class PackageOpener {

    /** The envelope format this client reads. */
    static final String FORMAT = "overdracht-delivery/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /*
     * Bouncy Castle's JCA provider: ECDH with the X9.63 key derivation Overdracht's EC packages use is not among the
     * JDK's own algorithms. Named per operation, so the JDK's providers keep their order for everything else.
     */
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private final PrivateKey schoolKey;
    private final X509Certificate schoolCertificate;
    private final X509Certificate overdrachtCertificate;

    public PackageOpener(PrivateKey schoolKey, X509Certificate schoolCertificate, X509Certificate overdrachtCertificate) {
        this.schoolKey = schoolKey;
        this.schoolCertificate = schoolCertificate;
        this.overdrachtCertificate = overdrachtCertificate;
    }

    /**
     * An opened package.
     *
     * @param manifest the manifest as Overdracht signed it: ids, profile, schools, sections removed, content hash
     * @param content exactly the dossier's bytes
     * @param contentSha256 their SHA-256, lower-case hex: what the acknowledgement names
     */
    public record Opened(JsonNode manifest, byte[] content, String contentSha256) {
    }

    /** A package that did not open: which step refused it. */
    public static final class RefusedPackage extends Exception {
        RefusedPackage(String message, Throwable cause) {
            super(message, cause);
        }

        RefusedPackage(String message) {
            super(message);
        }
    }

    public Opened open(byte[] cms) throws RefusedPackage {
        byte[] signed = decrypt(cms);
        byte[] envelope = verify(signed);
        return check(envelope);
    }

    private byte[] decrypt(byte[] cms) throws RefusedPackage {
        try {
            ContentInfo info = ContentInfo.getInstance(cms);
            boolean authenticated = CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType());
            RecipientInformationStore recipients = authenticated
                    ? new CMSAuthEnvelopedData(info).getRecipientInfos()
                    : new CMSEnvelopedData(info).getRecipientInfos();
            RecipientInformation recipient = recipientOf(recipients);
            Recipient key;
            if (recipient instanceof KeyAgreeRecipientInformation) {
                key = (authenticated ? new JceKeyAgreeAuthEnvelopedRecipient(schoolKey)
                        : new JceKeyAgreeEnvelopedRecipient(schoolKey)).setProvider(PROVIDER);
            } else {
                key = (authenticated ? new JceKeyTransAuthEnvelopedRecipient(schoolKey)
                        : new JceKeyTransEnvelopedRecipient(schoolKey)).setProvider(PROVIDER);
            }
            return recipient.getContent(key);
        } catch (CMSException | IllegalArgumentException e) {
            throw new RefusedPackage("the package does not decrypt with the school's key (" + e.getMessage() + ")", e);
        }
    }

    private RecipientInformation recipientOf(RecipientInformationStore recipients) throws RefusedPackage {
        RecipientInformation found = recipients.get(new JceKeyTransRecipientId(schoolCertificate));
        if (found == null) {
            Collection<RecipientInformation> agreed = recipients.getRecipients(new JceKeyAgreeRecipientId(schoolCertificate));
            found = agreed.isEmpty() ? null : agreed.iterator().next();
        }
        if (found == null) {
            throw new RefusedPackage("the package is not encrypted to the school's certificate "
                    + schoolCertificate.getSubjectX500Principal().getName());
        }
        return found;
    }

    private byte[] verify(byte[] signedData) throws RefusedPackage {
        try {
            CMSSignedData signed = new CMSSignedData(signedData);
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new RefusedPackage("the package has " + signers.size() + " signers, not one");
            }
            SignerInformation signer = signers.iterator().next();
            if (!signer.getSID().match(new JcaX509CertificateHolder(overdrachtCertificate))) {
                throw new RefusedPackage("the package is not signed by Overdracht's certificate "
                        + overdrachtCertificate.getSubjectX500Principal().getName());
            }
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(PROVIDER).build(overdrachtCertificate))) {
                throw new RefusedPackage("Overdracht's signature on the package does not verify");
            }
            return (byte[]) signed.getSignedContent().getContent();
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateEncodingException e) {
            throw new RefusedPackage("Overdracht's signature on the package does not verify (" + e.getMessage() + ")", e);
        }
    }

    private static Opened check(byte[] envelope) throws RefusedPackage {
        JsonNode json;
        try {
            json = JSON.readTree(envelope);
        } catch (IOException e) {
            throw new RefusedPackage("the signed envelope is not JSON", e);
        }
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new RefusedPackage("the envelope's format is not " + FORMAT);
        }
        JsonNode manifest = json.path("manifest");
        byte[] content;
        try {
            content = Base64.getDecoder().decode(json.path("content").asText());
        } catch (IllegalArgumentException e) {
            throw new RefusedPackage("the envelope's content is not base64", e);
        }
        String sha256 = HexFormat.of().formatHex(sha256(content));
        if (!sha256.equals(manifest.path("contentSha256").asText())) {
            throw new RefusedPackage("the content's SHA-256 is not the manifest's contentSha256");
        }
        if (content.length != manifest.path("contentLength").asInt(-1)) {
            throw new RefusedPackage("the content's length is not the manifest's contentLength");
        }
        return new Opened(manifest, content, sha256);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
