#!/usr/bin/env bash
# Mints a development token with the embedded run's signing key, e.g.
#   deploy/mint-token.sh --school 00YY00 --role sending-school
#   deploy/mint-token.sh --region noord --role operator
#   deploy/mint-token.sh --region noord --role auditor     (sees the audit entries of region noord's schools)
#   deploy/mint-token.sh --role national-auditor           (sees every audit entry and may export the chain)
# Options: --school ID | --region ID, --role ROLE (repeatable), [--subject NAME] [--ttl PT1H] [--key FILE].
# A token names a school or a region; only a national-auditor token may name neither (with
# --region it is still national: the region is ignored).
# The key defaults to the one the embedded run created in ~/.overdracht/embedded/keys, or in
# $OVERDRACHT_EMBEDDED_DATA_DIR/keys when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."
classes=embedded-infrastructure/target/classes
if [ ! -f "$classes/nl/overdracht/embedded/MintToken.class" ]; then
  ./mvnw -B -q -pl embedded-infrastructure compile >&2
fi
key_args=()
if [ -n "${OVERDRACHT_EMBEDDED_DATA_DIR:-}" ] && [[ " $* " != *" --key "* ]]; then
  key_args=(--key "$OVERDRACHT_EMBEDDED_DATA_DIR/keys/jwt-signing-key.pem")
fi
exec java -cp "$classes" nl.overdracht.embedded.MintToken "${key_args[@]}" "$@"
