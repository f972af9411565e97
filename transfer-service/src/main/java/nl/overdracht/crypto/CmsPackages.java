package nl.overdracht.crypto;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The receiving side of a {@link CmsPackager} package, for tests, the demo and the receiving-school
 * tooling: decrypt with the school's key, then verify that exactly one signer, the trusted
 * Overdracht certificate, signed the encapsulated content with SHA-256.
 */
public final class CmsPackages {

    private CmsPackages() {
    }

    /**
     * The content of a package, after decryption and signature verification.
     *
     * @param der the package, DER ContentInfo of EnvelopedData or AuthEnvelopedData
     * @param recipientKey the receiving school's private key
     * @param trustedSigner the certificate the package must be signed with
     * @throws CryptoException if the package cannot be decrypted with that key, is not signed
     *     data, or is not validly signed by {@code trustedSigner}
     */
    public static byte[] decryptAndVerify(byte[] der, PrivateKey recipientKey, X509Certificate trustedSigner) {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(trustedSigner, "trustedSigner");
        return verify(decrypt(der, recipientKey), trustedSigner);
    }

    /** The decrypted inner content (a DER SignedData ContentInfo for Overdracht packages). */
    static byte[] decrypt(byte[] der, PrivateKey recipientKey) {
        ContentInfo info;
        try {
            info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new CryptoException("the package is not a DER CMS ContentInfo");
        }
        try {
            ASN1ObjectIdentifier type = info.getContentType();
            if (CMSObjectIdentifiers.envelopedData.equals(type)) {
                requireSignedDataInside(EnvelopedData.getInstance(info.getContent())
                        .getEncryptedContentInfo().getContentType());
                return decryptWith(new CMSEnvelopedData(info).getRecipientInfos().getRecipients(), recipientKey, false);
            }
            if (CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
                requireSignedDataInside(AuthEnvelopedData.getInstance(info.getContent())
                        .getAuthEncryptedContentInfo().getContentType());
                return decryptWith(new CMSAuthEnvelopedData(info).getRecipientInfos().getRecipients(), recipientKey,
                        true);
            }
        } catch (CMSException | IllegalArgumentException e) {
            throw new CryptoException("the package is malformed", e);
        }
        throw new CryptoException("the package is neither EnvelopedData nor AuthEnvelopedData");
    }

    /** Overdracht labels the inner content id-signedData; other tools (openssl cms) label it id-data. */
    private static void requireSignedDataInside(ASN1ObjectIdentifier innerType) {
        if (!CMSObjectIdentifiers.signedData.equals(innerType) && !CMSObjectIdentifiers.data.equals(innerType)) {
            throw new CryptoException("the encrypted content is not SignedData");
        }
    }

    private static byte[] decryptWith(Collection<RecipientInformation> recipients, PrivateKey key,
            boolean authenticated) {
        for (RecipientInformation recipient : recipients) {
            Recipient opener = opener(recipient, key, authenticated);
            if (opener == null) {
                continue;
            }
            try {
                return recipient.getContent(opener);
            } catch (CMSException | RuntimeException e) {
                // another recipient info may be ours; the failure reason is not exposed
                // (Bouncy Castle reports some wrong-key cases as unchecked exceptions)
            }
        }
        throw new CryptoException("the package cannot be decrypted with this key");
    }

    private static Recipient opener(RecipientInformation recipient, PrivateKey key, boolean authenticated) {
        if (recipient instanceof KeyTransRecipientInformation && "RSA".equals(key.getAlgorithm())) {
            return (authenticated ? new JceKeyTransAuthEnvelopedRecipient(key) : new JceKeyTransEnvelopedRecipient(key))
                    .setProvider(BouncyCastle.PROVIDER);
        }
        if (recipient instanceof KeyAgreeRecipientInformation && "EC".equals(key.getAlgorithm())) {
            return (authenticated ? new JceKeyAgreeAuthEnvelopedRecipient(key) : new JceKeyAgreeEnvelopedRecipient(key))
                    .setProvider(BouncyCastle.PROVIDER);
        }
        return null;
    }

    /** The encapsulated content of a DER SignedData, if signed by exactly {@code trustedSigner}. */
    static byte[] verify(byte[] signedDataDer, X509Certificate trustedSigner) {
        try {
            CMSSignedData signed = new CMSSignedData(signedDataDer);
            if (signed.getSignedContent() == null) {
                throw new CryptoException("the signed data does not encapsulate its content");
            }
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new CryptoException("the signed data has " + signers.size() + " signers; exactly 1 expected");
            }
            SignerInformation signer = signers.iterator().next();
            if (!signer.getSID().match(new X509CertificateHolder(trustedSigner.getEncoded()))) {
                throw new CryptoException("the package is not signed by the trusted certificate");
            }
            if (!NISTObjectIdentifiers.id_sha256.getId().equals(signer.getDigestAlgOID())) {
                throw new CryptoException("the signature digest is not SHA-256");
            }
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(trustedSigner))) {
                throw new CryptoException("the signature does not verify");
            }
            return (byte[]) signed.getSignedContent().getContent();
        } catch (CMSException e) {
            throw new CryptoException("the signature does not verify or the signed data is malformed", e);
        } catch (OperatorCreationException | CertificateEncodingException | IOException e) {
            throw new CryptoException("the signer certificate cannot be used", e);
        }
    }
}
