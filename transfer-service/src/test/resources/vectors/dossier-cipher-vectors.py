#!/usr/bin/env python3
"""Computes the golden vectors of the stored ciphertext formats (dossier-cipher-v<N>.json) and of
the test-only example format 2 (example-format-2.json) independently of the service's Java code,
with the Python 'cryptography' package: AESGCM, ChaCha20Poly1305, aes_key_wrap.

The vectors pin bytes that are already stored: once a file is committed its stored bytes never
change. Run it to check them (python3 dossier-cipher-vectors.py --check) or, for a new format, to
write that format's file; never to rewrite an existing one.
"""
import hashlib
import json
import struct
import sys
import uuid
from pathlib import Path

import cryptography
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.keywrap import aes_key_wrap


def aad_canonical(dossier_id, revision, profile):
    profile = profile.encode("utf-8")
    return b"\x01" + uuid.UUID(dossier_id).bytes + struct.pack(">iH", revision, len(profile)) + profile


def format_1(dek, nonce, plaintext, aad):
    return b"\x01" + nonce + AESGCM(dek).encrypt(nonce, plaintext, aad)


def example_format_2(dek, nonce, plaintext, aad):
    return b"\x02" + nonce + ChaCha20Poly1305(dek).encrypt(nonce, plaintext, b"\x02" + aad)


def vector(name, seal, kek_version, kek, dek, nonce, dossier_id, revision, profile, plaintext):
    kek, dek, nonce = bytes.fromhex(kek), bytes.fromhex(dek), bytes.fromhex(nonce)
    aad = aad_canonical(dossier_id, revision, profile)
    data = plaintext.encode("utf-8")
    return {
        "name": name,
        "keyEncryptionKey": {"version": kek_version, "key": kek.hex()},
        "dataKey": dek.hex(),
        "nonce": nonce.hex(),
        "aad": {"dossierId": dossier_id, "revision": revision, "profile": profile, "canonical": aad.hex()},
        "plaintextUtf8": plaintext,
        "stored": {
            "ciphertext": seal(dek, nonce, data, aad).hex(),
            "wrappedKey": aes_key_wrap(kek, dek).hex(),
            "keyVersion": kek_version,
            "plaintextSha256": hashlib.sha256(data).hexdigest(),
        },
    }


# The first vector's keys are RFC 3394 section 4.6, so its wrapped key is that RFC's published output.
RFC3394_KEK = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
RFC3394_DEK = "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f"
REVISION = dict(kek_version="v1", kek=RFC3394_KEK, dek=RFC3394_DEK, nonce="cafebabefacedbaddecaf888",
                dossier_id="3f2504e0-4f89-41d3-9a0c-0305e82c3301", revision=2, profile="nl-po-oso-2024",
                plaintext='{"leerling":{"naam":"Golden Vector"},"revisie":2}')
EMPTY = dict(kek_version="2024-01", kek="202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
             dek="f0e1d2c3b4a5968778695a4b3c2d1e0f0f1e2d3c4b5a69788796a5b4c3d2e1f0", nonce="000000000000000000000001",
             dossier_id="00000000-0000-4000-8000-000000000001", revision=1, profile="oso-gegevensset@2019.1",
             plaintext="")
FIELD = dict(kek_version="v1", kek=RFC3394_KEK, dek="5a" * 32, nonce="a1a2a3a4a5a6a7a8a9aaabac",
             dossier_id="9d7f4d5e-1c2b-4a3f-8e6d-5c4b3a291807", revision=1, profile="inspection-reason",
             plaintext="Het verzuim van groep 7 klopt niet \u2014 graag inzien (Zo\u00eb)")

FILES = {
    "dossier-cipher-v1.json": {
        "format": 1,
        "description": "Stored ciphertext format 1, the format the service writes: 0x01 | nonce (12) | "
                       "AES-256-GCM ciphertext | tag (16); associated data the Aad canonical bytes; "
                       "the data key wrapped with AES Key Wrap (RFC 3394) under the key-encryption key.",
        "vectors": [vector("revision", format_1, **REVISION),
                    vector("empty revision", format_1, **EMPTY),
                    vector("sealed field, multi-byte UTF-8", format_1, **FIELD)],
    },
    "example-format-2.json": {
        "format": 2,
        "description": "TEST ONLY: the example format 2 that proves a second format can be registered "
                       "beside format 1. The service neither writes nor reads it: 0x02 | nonce (12) | "
                       "ChaCha20-Poly1305 ciphertext | tag (16); associated data 0x02 | the Aad canonical bytes.",
        "vectors": [vector("revision", example_format_2, **REVISION)],
    },
}


def main():
    here = Path(__file__).parent
    check = "--check" in sys.argv[1:]
    for name, content in FILES.items():
        content = {"computedWith": "Python cryptography " + cryptography.__version__
                   + " (dossier-cipher-vectors.py), independently of the service", **content}
        path = here / name
        if check:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored["vectors"] != content["vectors"]:
                sys.exit(name + " differs from what this script computes")
            print(name + ": ok")
        elif path.exists():
            print(name + " exists; stored vectors are never rewritten")
        else:
            path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(name + " written")


if __name__ == "__main__":
    main()
