package nl.overdracht.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.junit.jupiter.api.Test;

class CmsPackagerTest {

    private static final byte[] CONTENT =
            "{\"leerling\":{\"achternaam\":\"de Vries\"},\"profiel\":\"nl-po-oso-2024\"}".getBytes(StandardCharsets.UTF_8);
    private static final SigningIdentity OVERDRACHT = TestCertificates.signingIdentity();
    private static final TestCertificates.Issued RSA_SCHOOL = TestCertificates.rsa("CN=School RSA", 3072).issue();
    private static final TestCertificates.Issued EC_SCHOOL = TestCertificates.ec("CN=School EC", "secp256r1").issue();

    private final CmsPackager packager = new CmsPackager(OVERDRACHT);

    @Test
    void rsaRecipientCbcPackageDecryptsAndVerifies() {
        byte[] pkg = packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate());

        assertThat(CmsPackages.decryptAndVerify(pkg, RSA_SCHOOL.privateKey(), OVERDRACHT.certificate()))
                .isEqualTo(CONTENT);
    }

    @Test
    void rsaRecipientGcmPackageDecryptsAndVerifies() {
        byte[] pkg = packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate(), ContentEncryption.AES256_GCM);

        ContentInfo info = ContentInfo.getInstance(pkg);
        assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.authEnvelopedData);
        // id-data, not id-signedData: see CmsPackager on OpenSSL and RFC 5083 authAttrs
        assertThat(AuthEnvelopedData.getInstance(info.getContent()).getAuthEncryptedContentInfo().getContentType())
                .isEqualTo(CMSObjectIdentifiers.data);
        assertThat(AuthEnvelopedData.getInstance(info.getContent()).getAuthEncryptedContentInfo()
                .getContentEncryptionAlgorithm().getAlgorithm()).isEqualTo(CMSAlgorithm.AES256_GCM);
        assertThat(CmsPackages.decryptAndVerify(pkg, RSA_SCHOOL.privateKey(), OVERDRACHT.certificate()))
                .isEqualTo(CONTENT);
    }

    @Test
    void ecRecipientPackagesDecryptAndVerifyInBothModes() {
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            TestCertificates.Issued school = TestCertificates.ec("CN=School " + curve, curve).issue();
            for (ContentEncryption mode : ContentEncryption.values()) {
                byte[] pkg = packager.signAndEncrypt(CONTENT, school.certificate(), mode);
                assertThat(CmsPackages.decryptAndVerify(pkg, school.privateKey(), OVERDRACHT.certificate()))
                        .as("%s %s", curve, mode).isEqualTo(CONTENT);
            }
        }
    }

    @Test
    void cbcPackageIsEnvelopedDataWithOaepSha256AroundSignedData() throws Exception {
        byte[] pkg = packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate());

        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(pkg));
        assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.envelopedData);
        EnvelopedData enveloped = EnvelopedData.getInstance(info.getContent());
        assertThat(enveloped.getEncryptedContentInfo().getContentType()).isEqualTo(CMSObjectIdentifiers.signedData);
        assertThat(enveloped.getEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm())
                .isEqualTo(CMSAlgorithm.AES256_CBC);
        KeyTransRecipientInfo recipient = KeyTransRecipientInfo.getInstance(
                enveloped.getRecipientInfos().getObjectAt(0).toASN1Primitive());
        assertThat(recipient.getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP);
        RSAESOAEPparams oaep = RSAESOAEPparams.getInstance(recipient.getKeyEncryptionAlgorithm().getParameters());
        assertThat(oaep.getHashAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        // DER, not BER: re-encoding as DER gives the same bytes
        assertThat(info.getEncoded("DER")).isEqualTo(pkg);
    }

    @Test
    void ecPackageUsesStdDhSha256KdfWithAes256Wrap() throws Exception {
        byte[] pkg = packager.signAndEncrypt(CONTENT, EC_SCHOOL.certificate());

        KeyAgreeRecipientInformation recipient = (KeyAgreeRecipientInformation) new CMSEnvelopedData(pkg)
                .getRecipientInfos().getRecipients().iterator().next();
        assertThat(recipient.getKeyEncryptionAlgOID()).isEqualTo(CMSAlgorithm.ECDH_SHA256KDF.getId());
    }

    @Test
    void innerSignedDataEncapsulatesTheContentAndCarriesTheSignerCertificate() throws Exception {
        byte[] signed = CmsPackages.decrypt(packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate()),
                RSA_SCHOOL.privateKey());

        CMSSignedData data = new CMSSignedData(signed);
        assertThat((byte[]) data.getSignedContent().getContent()).isEqualTo(CONTENT);
        assertThat(data.getCertificates().getMatches(null)).singleElement()
                .satisfies(holder -> assertThat(holder.getEncoded()).isEqualTo(OVERDRACHT.certificate().getEncoded()));
        assertThat(data.getSignerInfos().getSigners()).singleElement()
                .satisfies(signer -> assertThat(signer.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId()));
    }

    @Test
    void packageDoesNotContainThePlaintext() {
        for (ContentEncryption mode : ContentEncryption.values()) {
            byte[] pkg = packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate(), mode);
            assertThat(new String(pkg, StandardCharsets.ISO_8859_1)).doesNotContain("de Vries").doesNotContain("leerling");
        }
    }

    @Test
    void anotherSchoolsKeyCannotDecrypt() {
        TestCertificates.Issued other = TestCertificates.rsa("CN=Other school", 2048).issue();
        byte[] pkg = packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate());

        assertThatThrownBy(() -> CmsPackages.decryptAndVerify(pkg, other.privateKey(), OVERDRACHT.certificate()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void signatureByAnotherIdentityIsRefused() {
        SigningIdentity impostor = TestCertificates.rsa("CN=Impostor", 2048).issue().asSigningIdentity();
        byte[] pkg = new CmsPackager(impostor).signAndEncrypt(CONTENT, RSA_SCHOOL.certificate());

        assertThatThrownBy(() -> CmsPackages.decryptAndVerify(pkg, RSA_SCHOOL.privateKey(), OVERDRACHT.certificate()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("not signed by the trusted certificate");
    }

    @Test
    void tamperedGcmPackageIsRefused() {
        byte[] pkg = packager.signAndEncrypt(CONTENT, RSA_SCHOOL.certificate(), ContentEncryption.AES256_GCM);
        pkg[pkg.length - 40] ^= 0x01; // inside the encrypted content or the tag

        assertThatThrownBy(() -> CmsPackages.decryptAndVerify(pkg, RSA_SCHOOL.privateKey(), OVERDRACHT.certificate()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void tamperedSignedContentIsRefused() throws Exception {
        byte[] signed = packager.sign(CONTENT);
        int at = indexOf(signed, "de Vries".getBytes(StandardCharsets.UTF_8));
        signed[at] = 'D';

        assertThatThrownBy(() -> CmsPackages.verify(signed, OVERDRACHT.certificate()))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void recipientWithAnUnsupportedKeyTypeIsRefused() {
        var ed25519 = TestCertificates.ed25519("CN=School Ed25519").issue().certificate();

        assertThatThrownBy(() -> packager.signAndEncrypt(CONTENT, ed25519))
                .isInstanceOf(CryptoException.class).hasMessageContaining("RSA or EC is required");
    }

    @Test
    void ecSigningIdentitySignsWithEcdsa() {
        SigningIdentity ecIdentity = TestCertificates.ec("CN=Overdracht EC signer", "secp384r1").issue()
                .asSigningIdentity();
        byte[] pkg = new CmsPackager(ecIdentity).signAndEncrypt(CONTENT, RSA_SCHOOL.certificate());

        assertThat(CmsPackages.decryptAndVerify(pkg, RSA_SCHOOL.privateKey(), ecIdentity.certificate()))
                .isEqualTo(CONTENT);
    }

    @Test
    void bytesThatAreNotCmsAreRefused() {
        assertThatThrownBy(() -> CmsPackages.decryptAndVerify(CONTENT, RSA_SCHOOL.privateKey(), OVERDRACHT.certificate()))
                .isInstanceOf(CryptoException.class).hasMessageContaining("not a DER CMS ContentInfo");
    }

    @Test
    void mediaTypesFollowRfc8551() {
        assertThat(ContentEncryption.AES256_CBC.mediaType()).isEqualTo("application/pkcs7-mime; smime-type=enveloped-data");
        assertThat(ContentEncryption.AES256_GCM.mediaType())
                .isEqualTo("application/pkcs7-mime; smime-type=authEnveloped-data");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
