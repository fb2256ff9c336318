#!/usr/bin/env bash
# alexnet-webgpu GPU kit: measures the app's training engine (tfjs WebGPU on Dawn, the engine of
# Chrome's WebGPU) on this machine's GPU, with nothing installed but the GPU driver.
#
#   bash run.sh [--budget SECONDS] [--out DIR] [--smoke] [--allow-software] [--stages a,b,...]
#
# Unpacks the kit into /tmp, puts the kit's Vulkan loader first on the library path, finds the
# NVIDIA Vulkan driver, then runs app/orchestrate.mjs with the kit's own Node: adapter check,
# training-step benchmarks, PyTorch on the same GPU (when python3 has torch + CUDA), kernel checks
# and benchmark (when the kit has them), the reference run, then the recipe runs (mini-preset,
# mini-reference, alexnet-preset), all within --budget seconds (default 540, counted from now).
# Writes summary.json, summary.md, run.log and each training run's JSON (reference.json, ...)
# into --out DIR (default ./gpu-kit-out) as it goes. Needs only bash, coreutils, tar, grep, sed.
set -uo pipefail
start=$(date +%s)
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
fail() {
  echo "run.sh: $*" >&2
  exit 2
}

budget=540 out="$PWD/gpu-kit-out" smoke="" allow_software="" stages=""
while [ $# -gt 0 ]; do
  case "$1" in
    --budget) [ $# -ge 2 ] || fail "--budget needs a number of seconds"; budget="$2"; shift 2 ;;
    --budget=*) budget="${1#*=}"; shift ;;
    --out) [ $# -ge 2 ] || fail "--out needs a folder"; out="$2"; shift 2 ;;
    --out=*) out="${1#*=}"; shift ;;
    --stages) [ $# -ge 2 ] || fail "--stages needs a list"; stages="$2"; shift 2 ;;
    --stages=*) stages="${1#*=}"; shift ;;
    --smoke) smoke="--smoke"; shift ;;
    --allow-software) allow_software="--allow-software"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option: $1" ;;
  esac
done
case "$budget" in '' | *[!0-9]*) fail "--budget must be a whole number of seconds, got \"$budget\"" ;; esac
[ "$budget" -gt 0 ] || fail "--budget must be above 0"

mkdir -p "$out" || fail "cannot create the output folder $out"
out="$(cd "$out" && pwd)"
exec > >(tee -a "$out/run.log") 2>&1
tee_pid=$!
id="$(cat "$kit/kit-id" 2>/dev/null || echo unknown)"
echo "== alexnet-webgpu GPU kit $id: budget ${budget} s, output in $out"

# --- unpack (once per kit version: a second run on the same machine reuses it) ---
dest="${TMPDIR:-/tmp}/alexnet-gpu-kit-$id"
if [ ! -f "$dest/.unpacked" ]; then
  rm -rf "$dest" && mkdir -p "$dest/.xz" || fail "cannot write to $dest"
  cp "$kit/xz/xz" "$kit/xz/liblzma.so.5" "$dest/.xz/" && chmod 755 "$dest/.xz/xz"
  xz_cmd=("$dest/.xz/xz")
  if ! LD_LIBRARY_PATH="$dest/.xz" "${xz_cmd[@]}" --version >/dev/null 2>&1; then
    command -v xz >/dev/null || fail "the kit's xz does not run here and the machine has none"
    xz_cmd=(xz)
  fi
  for part in runtime app data; do
    LD_LIBRARY_PATH="$dest/.xz" "${xz_cmd[@]}" -dc "$kit/$part.tar.xz" | tar -x -C "$dest" ||
      fail "could not unpack $kit/$part.tar.xz into $dest"
  done
  cp "$kit/kit.json" "$dest/kit.json"
  touch "$dest/.unpacked"
fi
echo "Unpacked into $dest in $(($(date +%s) - start)) s"
node="$dest/bin/node"
"$node" --version >/dev/null || fail "the kit's Node does not start here (it needs glibc 2.28+ and libstdc++)"

# --- libraries: the kit's Vulkan loader and GL libraries, then the driver's folders ---
export ALEXNET_ORIGINAL_LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}"
libs="$dest/lib"
for dir in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu/nvidia /usr/lib64/nvidia; do
  [ -d "$dir" ] && libs="$libs:$dir"
done
export LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# --- the NVIDIA Vulkan driver manifest (ICD JSON) ---
icd="" tried=()
given="${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-}}"
if [ -n "$given" ]; then
  IFS=: read -r -a files <<<"$given"
  for f in "${files[@]}"; do
    tried+=("$f")
    [ -f "$f" ] && icd="$given"
  done
  [ -n "$icd" ] && echo "Vulkan driver manifest (from VK_DRIVER_FILES/VK_ICD_FILENAMES): $icd"
else
  for dir in /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d \
    /usr/local/share/vulkan/icd.d /usr/local/etc/vulkan/icd.d /usr/local/nvidia/etc/vulkan/icd.d; do
    tried+=("$dir")
    for f in "$dir"/nvidia*.json; do
      if [ -f "$f" ]; then icd="$f" && break 2; fi
    done
  done
  [ -n "$icd" ] && echo "NVIDIA Vulkan driver manifest: $icd"
fi
if [ -n "$icd" ]; then
  export VK_ICD_FILENAMES="$icd" VK_DRIVER_FILES="$icd"
  grep -ho '"library_path"[^,}]*' ${icd//:/ } 2>/dev/null | sed 's/^/  driver /'
else
  echo "No NVIDIA Vulkan driver manifest (nvidia*.json) found. Looked in:"
  printf '  %s\n' "${tried[@]}"
  echo "Set VK_ICD_FILENAMES=/path/to/nvidia_icd.json if the driver's manifest is elsewhere."
fi
export ALEXNET_DAWN_ENV=kit

# --- the stages, with what is left of the budget ---
left=$((budget - ($(date +%s) - start)))
[ "$left" -gt 0 ] || fail "the budget was spent unpacking"
tried_list="$(IFS=:; echo "${tried[*]}")"
"$node" "$dest/app/orchestrate.mjs" --budget "$left" --out "$out" --work "$dest/work-$$" \
  --icd "$icd" --icd-tried "$tried_list" ${smoke} ${allow_software} ${stages:+--stages "$stages"}
status=$?
echo "== done in $(($(date +%s) - start)) s, exit code $status"
exec >&- 2>&- # let tee write the end of run.log before we return
wait "$tee_pid" 2>/dev/null
exit "$status"
