"""Writes the JetClass-format ROOT files the convert-root bench reads, with CERN ROOT itself
(RDataFrame Snapshot: std::vector<float> part_* branches, float jet_* and bool label_*, like the
real JetClass files), seeded. Needs a Python with `pip install root` (ROOT 6.40 wheels).

Usage: python make_root_input.py OUT.root ENTRIES COMPRESSION   (e.g. 505 = ZSTD 5, 404 = LZ4 4)"""
import sys
import ROOT

out, entries, compression = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
PART = ["px", "py", "pz", "energy", "deta", "dphi", "d0val", "d0err", "dzval", "dzerr", "charge",
        "isChargedHadron", "isNeutralHadron", "isPhoton", "isElectron", "isMuon"]
JETS = ["pt", "eta", "phi", "energy", "nparticles", "sdmass", "tau1", "tau2", "tau3", "tau4"]
ROOT.gInterpreter.Declare("""
#include <random>
#include <vector>
#include <cmath>
struct JetMaker {
  std::mt19937_64 rng{20261206};
  std::vector<std::vector<float>> parts = std::vector<std::vector<float>>(16);
  int entry = -1;
  const std::vector<float>& get(ULong64_t e, int feature) {
    if ((long long)e != entry) {
      entry = e;
      std::poisson_distribution<int> count(40);
      std::normal_distribution<float> normal(0.f, 1.f);
      std::exponential_distribution<float> pt(0.05f);
      int n = std::max(1, count(rng));
      for (auto& p : parts) p.resize(n);
      for (int i = 0; i < n; ++i) {
        float ptv = pt(rng) + 0.5f, eta = 0.2f * normal(rng), phi = 0.2f * normal(rng);
        parts[0][i] = ptv * std::cos(phi); parts[1][i] = ptv * std::sin(phi); parts[2][i] = ptv * std::sinh(eta);
        parts[3][i] = ptv * std::cosh(eta); parts[4][i] = eta; parts[5][i] = phi;
        for (int k = 6; k < 10; ++k) parts[k][i] = 0.05f * normal(rng);
        parts[10][i] = (float)((int)(rng() % 3) - 1);
        int kind = rng() % 5;
        for (int k = 0; k < 5; ++k) parts[11 + k][i] = kind == k ? 1.f : 0.f;
      }
    }
    return parts[feature];
  }
};
JetMaker jetMaker;
""")
df = ROOT.RDataFrame(entries)
columns = ROOT.std.vector("string")()
for k, name in enumerate(PART):
    df = df.Define("part_" + name, f"std::vector<float> v = jetMaker.get(rdfentry_, {k}); return v;")
    columns.push_back("part_" + name)
for k, name in enumerate(JETS):
    df = df.Define("jet_" + name, f"(float)(jetMaker.get(rdfentry_, 0).size() * {k + 1}.5f)")
    columns.push_back("jet_" + name)
for k in range(10):
    df = df.Define(f"label_{k}", f"rdfentry_ % 10 == {k}")
    columns.push_back(f"label_{k}")
options = ROOT.RDF.RSnapshotOptions()
options.fCompressionAlgorithm = compression // 100
options.fCompressionLevel = compression % 100
df.Snapshot("tree", out, columns, options)
