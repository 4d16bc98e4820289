"""Text segmentation: sentences and tokens with character offsets into the clean text."""
