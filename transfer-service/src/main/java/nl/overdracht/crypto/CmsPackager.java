package nl.overdracht.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Builds a delivery package: CMS SignedData (SHA-256, content encapsulated, Overdracht's signing
 * certificate included) inside CMS EnvelopedData (AES-256-CBC) or AuthEnvelopedData
 * (AES-256-GCM) for the receiving school's certificate, DER-encoded, media type
 * {@link ContentEncryption#mediaType()}.
 *
 * <p>Recipient key management: RSA certificates get key transport with RSAES-OAEP (SHA-256,
 * MGF1-SHA-256, empty label); EC certificates get ephemeral-static ECDH,
 * {@code dhSinglePass-stdDH-sha256kdf-scheme} with ECC-CMS-SharedInfo (RFC 5753) and AES-256 key
 * wrap. Other key types are refused.
 *
 * <p>Inner content type: EnvelopedData labels its encrypted content {@code id-signedData}.
 * AuthEnvelopedData labels it {@code id-data} (the bytes are still the DER SignedData): RFC 5083
 * requires authenticated attributes for any other label, and OpenSSL up to at least 3.5 cannot
 * parse AuthEnvelopedData with authenticated attributes (openssl/openssl#26101, #29531).
 * Receivers parse the decrypted bytes as SignedData either way, as {@link CmsPackages} does.
 *
 * <p>Everything happens in memory; nothing is written to disk. Whether a certificate is acceptable
 * (size, usage, validity) is {@link CertificatePolicy}'s decision, taken when it is registered
 * and again before delivery by the caller. Thread-safe.
 */
@ApplicationScoped
public class CmsPackager {

    private static final OAEPParameterSpec OAEP_SHA256 = new OAEPParameterSpec("SHA-256", "MGF1",
            MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final SigningIdentity identity;

    @Inject
    public CmsPackager(SigningIdentity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** {@link #signAndEncrypt(byte[], X509Certificate, ContentEncryption)} with AES-256-CBC. */
    public byte[] signAndEncrypt(byte[] content, X509Certificate recipient) {
        return signAndEncrypt(content, recipient, ContentEncryption.AES256_CBC);
    }

    /**
     * Signs {@code content} with Overdracht's identity, then encrypts the signed data to
     * {@code recipient}.
     *
     * @return the DER encoding of a CMS ContentInfo of type EnvelopedData or AuthEnvelopedData,
     *     whose encrypted content is the DER of a SignedData ContentInfo encapsulating {@code content}
     * @throws CryptoException if the recipient's key type is unsupported or a CMS step fails
     */
    public byte[] signAndEncrypt(byte[] content, X509Certificate recipient, ContentEncryption mode) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(mode, "mode");
        try {
            byte[] signed = sign(content);
            RecipientInfoGenerator recipientInfo = recipientInfo(recipient);
            return switch (mode) {
                case AES256_CBC -> {
                    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
                    generator.addRecipientInfoGenerator(recipientInfo);
                    // the JDK's AES (hardware-accelerated) rather than Bouncy Castle's pure-Java one
                    OutputEncryptor cbc = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build();
                    yield generator.generate(new CMSProcessableByteArray(CMSObjectIdentifiers.signedData, signed), cbc)
                            .toASN1Structure().getEncoded(ASN1Encoding.DER);
                }
                case AES256_GCM -> {
                    CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
                    generator.addRecipientInfoGenerator(recipientInfo);
                    // the JDK providers cannot make a CMS GCM content encryptor (no KeyGenerator by OID)
                    OutputAEADEncryptor gcm = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                            CMSAlgorithm.AES256_GCM).setProvider(BouncyCastle.PROVIDER).build();
                    yield generator.generate(new CMSProcessableByteArray(signed), gcm)
                            .toASN1Structure().getEncoded(ASN1Encoding.DER);
                }
            };
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new CryptoException("building the delivery package for " + subject(recipient) + " failed", e);
        }
    }

    /** The DER encoding of SignedData over {@code content}, content encapsulated. */
    byte[] sign(byte[] content) throws OperatorCreationException, CertificateEncodingException, CMSException,
            IOException {
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(identity.signatureAlgorithm());
        if (identity.isEc()) {
            // Bouncy Castle's P-256 arithmetic signs about 1.7 times as fast as the JDK 17 one: packaging
            // spends most of its CPU on this signature
            builder.setProvider(BouncyCastle.PROVIDER);
        }
        ContentSigner signer = builder.build(identity.privateKey());
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build())
                .build(signer, identity.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(identity.certificate())));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
        return signed.toASN1Structure().getEncoded(ASN1Encoding.DER);
    }

    private static RecipientInfoGenerator recipientInfo(X509Certificate recipient)
            throws GeneralSecurityException {
        PublicKey key = recipient.getPublicKey();
        if (key instanceof RSAPublicKey) {
            AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, OAEP_SHA256);
            return new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BouncyCastle.PROVIDER);
        }
        if (key instanceof ECPublicKey ec) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
            generator.initialize(ec.getParams());
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                    ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                    .addRecipient(recipient)
                    .setProvider(BouncyCastle.PROVIDER);
        }
        throw new CryptoException("recipient certificate " + subject(recipient) + " has an unsupported "
                + key.getAlgorithm() + " key; RSA or EC is required");
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
