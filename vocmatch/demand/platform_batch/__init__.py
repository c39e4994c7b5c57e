"""The HR platform's batch of up to 1,000 postings, with Idempotency-Key replay."""
