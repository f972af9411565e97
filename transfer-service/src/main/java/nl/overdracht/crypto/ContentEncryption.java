package nl.overdracht.crypto;

/** How {@link CmsPackager} encrypts the signed content of a delivery package. */
public enum ContentEncryption {

    /** CMS EnvelopedData (RFC 5652) with AES-256-CBC: the default, readable by every CMS implementation. */
    AES256_CBC("application/pkcs7-mime; smime-type=enveloped-data"),

    /** CMS AuthEnvelopedData (RFC 5083, RFC 5084) with AES-256-GCM: authenticated encryption. */
    AES256_GCM("application/pkcs7-mime; smime-type=authEnveloped-data");

    private final String mediaType;

    ContentEncryption(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type of a DER package of this kind (RFC 8551). */
    public String mediaType() {
        return mediaType;
    }
}
