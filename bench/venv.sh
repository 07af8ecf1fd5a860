# Sourced by bench/run and bench/parity: creates (once) the reference venv and sets $python.
venv="${JETNET_BENCH_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import jetnet, energyflow, h5py, torch_geometric" 2>/dev/null; then
  echo "creating the reference venv in $venv (jetnet 0.2.5, energyflow, torch CPU; a few minutes once)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q "jetnet==0.2.5" torch_geometric "pyarrow<18" energyflow h5py uproot
fi
python="$venv/bin/python"
