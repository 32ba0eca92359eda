"""The prose against the tables, the organ's name and the numbering (spec §5 N1, §7): GIP501–GIP505.

``analysis`` finds what the prose states; each rule has a module of its own, named by its code.
"""
