"""Making documents: template contexts, rendering, Thai line breaks, joining the packet."""
