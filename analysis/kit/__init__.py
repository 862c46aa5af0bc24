"""Figure house style and wording shared by every layer; imports nothing of the package."""
