NAME = "read-root-jagged"
DESCRIPTION = "read the 4 jagged std::vector<float> branches of uproot-HZZ-objects.root (open + read, LZ4)"
NOTE = ("Both: open uproot-HZZ-objects.root and read 4 jagged std::vector<float> branches. Python: "
        "uproot.open + arrays(library='ak'); Swift: ROOTFile + readJagged.")
REPEAT = 30
BRANCHES = ["jetbtag", "muoniso", "electroniso", "photoniso"]


def python(data):
    import uproot

    def run():
        with uproot.open(data.path("uproot-HZZ-objects.root")) as f:
            return f["events"].arrays(BRANCHES, library="ak")
    return run


def reference(data):
    import awkward as ak
    import numpy as np
    arrays = python(data)()
    flat = [ak.to_numpy(ak.flatten(arrays[b])).astype(np.float64) for b in BRANCHES]
    return {"count": [float(len(v)) for v in flat], "sum": [float(v.sum()) for v in flat]}
