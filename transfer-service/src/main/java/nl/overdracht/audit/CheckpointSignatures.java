package nl.overdracht.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import nl.overdracht.crypto.SigningIdentity;

/** Signs and checks checkpoints over {@link AuditCanonical#checkpointBytes}. */
final class CheckpointSignatures {

    private CheckpointSignatures() {
    }

    static Checkpoint sign(SigningIdentity identity, long size, byte[] chainHead, Instant signedAt) {
        Instant at = AuditCanonical.truncate(signedAt);
        try {
            Signature signature = Signature.getInstance(identity.signatureAlgorithm());
            signature.initSign(identity.privateKey());
            signature.update(AuditCanonical.checkpointBytes(size, chainHead, at));
            return new Checkpoint(size, chainHead, at, identity.signatureAlgorithm(), signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the audit checkpoint at size " + size, e);
        }
    }

    static boolean valid(Checkpoint checkpoint, PublicKey key) {
        if (!checkpoint.algorithm().equals("SHA256withRSA") && !checkpoint.algorithm().equals("SHA256withECDSA")) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(checkpoint.algorithm());
            signature.initVerify(key);
            signature.update(AuditCanonical.checkpointBytes(checkpoint.size(), checkpoint.chainHead(),
                    checkpoint.signedAt()));
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
