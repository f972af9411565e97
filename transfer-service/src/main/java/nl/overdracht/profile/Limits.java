package nl.overdracht.profile;

/**
 * Hard limits a dossier of a profile must stay within.
 *
 * @param maxBodyBytes the largest request body
 * @param maxAttachmentBytes the largest total of decoded attachment bytes (base64 content)
 * @param maxDepth the deepest element or value nesting
 * @param maxElements the most XML elements or JSON fields
 */
public record Limits(long maxBodyBytes, long maxAttachmentBytes, int maxDepth, int maxElements) {
    public Limits {
        if (maxBodyBytes <= 0 || maxAttachmentBytes < 0 || maxDepth <= 0 || maxElements <= 0) {
            throw new IllegalArgumentException("Limits must be positive");
        }
    }
}
