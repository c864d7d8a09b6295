"""Thai text: dates, digits, words and syllables, and results remembered per text."""
