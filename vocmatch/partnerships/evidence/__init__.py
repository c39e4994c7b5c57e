"""Evidence files of activities: checked by content, stored by hash, served as attachments."""
