"""Parse: the Lark grammar's generated parser and the tree → blocks step."""
