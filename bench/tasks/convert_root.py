NAME = "convert-root-jetclass"
DESCRIPTION = ("100k-entry JetClass-format ROOT files (16 std::vector<float> + 10 float branches, ZSTD and LZ4, "
               "written by ROOT) to .npz: uproot + awkward pad_none/fill_none to [N, 128] + masks, np.savez")
REPEAT = 3
FILES = ["jetclass-100k-zstd.root", "jetclass-100k-lz4.root"]
PART = ["px", "py", "pz", "energy", "deta", "dphi", "d0val", "d0err", "dzval", "dzerr", "charge",
        "isChargedHadron", "isNeutralHadron", "isPhoton", "isElectron", "isMuon"]
BRANCHES = ["part_" + p for p in PART] + ["jet_" + j for j in ["pt", "eta", "phi", "energy", "nparticles",
                                                              "sdmass", "tau1", "tau2", "tau3", "tau4"]]
PAD = 128


def python(data):
    import os
    import tempfile
    import awkward as ak
    import numpy as np
    import uproot

    def run():
        sums = []
        for name in FILES:
            with uproot.open(data.path(name)) as f:
                arrays = f["tree"].arrays(BRANCHES, library="ak")
            out = {}
            for b in BRANCHES:
                column = arrays[b]
                if b.startswith("part_"):
                    padded = ak.pad_none(column, PAD, clip=True)
                    out[b] = ak.to_numpy(ak.fill_none(padded, 0.0)).astype(np.float32)
                    out[b + "_mask"] = ak.to_numpy(~ak.is_none(padded, axis=1))
                else:
                    out[b] = ak.to_numpy(column)
            target = os.path.join(tempfile.gettempdir(), f"jetnet-bench-{os.getpid()}.npz")
            np.savez(target, **out)
            os.remove(target)
            sums.append(float(out["part_px"].astype(np.float64).sum()))
            sums.append(float(out["part_px_mask"].sum()))
        return sums
    return run


def reference(data):
    return {"sums": python(data)()}
