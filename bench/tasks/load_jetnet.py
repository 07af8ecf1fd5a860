NAME = "load-jetnet-g150"
DESCRIPTION = "JetNet.getData(g, 150 particles), eager"
NOTE = ("Both: read g150.hdf5 (50k jets x 150 particles, gzip chunks), select the g jets, all splits. "
        "Python: JetNet.getData(jet_type='g', num_particles=150); Swift: JetNetDataset.load.")
REPEAT = 3


def python(data):
    import sys, os
    sys.path.insert(0, os.path.dirname(__file__))
    from _common import offline_jetnet
    offline_jetnet()
    from jetnet.datasets import JetNet
    return lambda: JetNet.getData(jet_type="g", data_dir=data.path(""), num_particles=150)


def reference(data):
    pf, jf = python(data)()
    return {"particle_sum": float(pf.astype("float64").sum()), "jet_sum": float(jf.astype("float64").sum()),
            "shape": list(pf.shape)}
