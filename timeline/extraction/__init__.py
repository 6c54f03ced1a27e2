"""The extraction pipeline: small pure functions over article text, every result carrying offsets."""

# Bump when extraction output changes: ingest re-extracts machine-made records of older versions.
EXTRACTOR_VERSION = "1.2.0"
