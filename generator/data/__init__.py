"""Reading a data folder: YAML with positions, schemas, checks, the model, proofreading."""
