NAME = "augment-30"
DESCRIPTION = ("augment 50k JetNet-30 jets with rotate, translate, smear, collinear-split (2 threads); "
               "no Python reference exists (jetnet has no augmentations)")
REPEAT = 10
ITEMS = (50_000, "jets")
python = None  # nothing to compare with: JetCLR's and RODEM's numpy loops are research scripts, not a package
