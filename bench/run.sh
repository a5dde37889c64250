#!/usr/bin/env bash
# crashguard benchmark: regenerates bench/RESULTS.md. Every number is a ratio against a baseline measured in
# the same run, on the same input, with each engine's own command line (the way users' builds run them):
#   Error Prone  plain javac  vs  javac + Error Prone with only crashguard's checks  vs  Error Prone's defaults
#   PMD          pmd check -R category/java/crashguard.xml  vs  -R rulesets/java/quickstart.xml, and both rulesets
#                in one run (crashguard's rules' time vs the other rules' time in that run)
#   SpotBugs     our detectors alone (-pluginList, -visitors)  vs  SpotBugs' default detectors
# at three input sizes, 1x, 2x and 4x the code (every 4th, every 2nd, every source file / top-level class of
# the real-world libraries; the libraries' own jars are on the class path, so any subset compiles).
#
# Usage: bench/run.sh                        (libraries: the real-world quick subset)
#        BENCH_LIBRARIES=a,b bench/run.sh     (names of realworld/libraries/* modules)
#        BENCH_REPEAT=5 bench/run.sh          (runs per cell, default 3: the median time and the largest
#                                              peak memory are reported)
#        BENCH_EP_REPEAT=9 bench/run.sh       (rounds of the four compilers, taking turns; default 5)
# Needs: a JDK 21+ under /usr/lib/jvm (or BENCH_JDK), GNU time (/usr/bin/time) for peak memory, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LIBS=${BENCH_LIBRARIES:-commons-lang3,commons-io,jctools-core}
JDK=${BENCH_JDK:-$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}
[ -x "$JDK/bin/javac" ] || { echo "bench: no JDK 21+ found (set BENCH_JDK)" >&2; exit 2; }
XMX=-Xmx4g
REPEAT=${BENCH_REPEAT:-3}
EP_REPEAT=${BENCH_EP_REPEAT:-5}
W=$ROOT/bench/target/work
CP=$ROOT/bench/target/cp
rm -rf "$W" && mkdir -p "$W"

echo "bench: fetching libraries ($LIBS) and tools with Maven" >&2
modules=$(echo "$LIBS" | tr ',' '\n' | sed 's#^#libraries/#' | paste -sd, -)
./mvnw -B -q -f realworld/pom.xml generate-resources -Drealworld.full -pl "$modules"
./mvnw -B -q -f bench/pom.xml generate-resources

# Inputs: source file lists and class directories at each scale; the compile class path.
python3 - "$ROOT" "$LIBS" "$W" <<'PY'
import os, sys, zipfile
root, libs, w = sys.argv[1], sys.argv[2].split(','), sys.argv[3]
files, classes, cp = [], [], []
for lib in libs:
    d = os.path.join(root, 'realworld/target/libraries', lib)
    for base, _, names in os.walk(os.path.join(d, 'sources')):
        files += [os.path.join(base, n) for n in names if n.endswith('.java')]
    jar = os.path.join(d, 'classes.jar')
    cp.append(jar)
    cp += [e for e in open(os.path.join(d, 'classpath.txt')).read().strip().split(os.pathsep) if e]
    with zipfile.ZipFile(jar) as z:
        classes += [(jar, n) for n in z.namelist()
                    if n.endswith('.class') and not n.startswith('META-INF/') and not n.endswith('module-info.class')]
files.sort()
tops = sorted({n.split('$')[0].removesuffix('.class') for _, n in classes})
for scale, step in (('1x', 4), ('2x', 2), ('4x', 1)):
    chosen = files[::step]
    open(os.path.join(w, f'sources-{scale}.txt'), 'w').write('\n'.join(chosen) + '\n')
    keep = set(tops[::step])
    out = os.path.join(w, f'classes-{scale}')
    n = 0
    for jar, name in classes:
        if name.split('$')[0].removesuffix('.class') in keep:
            target = os.path.join(out, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zipfile.ZipFile(jar) as z, open(target, 'wb') as f:
                f.write(z.read(name))
            n += 1
    lines = sum(sum(1 for _ in open(p, encoding='utf-8', errors='replace')) for p in chosen)
    open(os.path.join(w, f'size-{scale}.txt'), 'w').write(f'{len(chosen)} {lines} {n}\n')
open(os.path.join(w, 'classpath.txt'), 'w').write(os.pathsep.join(dict.fromkeys(cp)))
PY

COMPILE_CP=$(cat "$W/classpath.txt")
EP_PATH=$(cat "$CP/errorprone.txt")
PMD_CP=$(cat "$CP/pmd.txt")
SB_CP=$(cat "$CP/spotbugs.txt")
SB_PLUGIN=$CP/crashguard-spotbugs-detectors.jar
# crashguard's check names: the Error Prone checks the jar registers, the detectors its findbugs.xml declares.
EP_JAR=$(tr ':' '\n' <<<"$EP_PATH" | grep crashguard-errorprone-checks)
OUR_CHECKS=$(unzip -p "$EP_JAR" META-INF/services/com.google.errorprone.bugpatterns.BugChecker | sed 's/.*\.//' | grep -v '^$')
OUR_DETECTORS=$(unzip -p "$SB_PLUGIN" findbugs.xml | grep -o '<Detector class="[^"]*"' | sed 's/.*\.//; s/"$//' | paste -sd, -)
EP_ONLY_OURS="-Xplugin:ErrorProne -XepDisableAllChecks -XepAllErrorsAsWarnings$(for c in $OUR_CHECKS; do printf ' -Xep:%s:WARN' "$c"; done)"
# Error Prone with every check off: the plugin's own cost (its scanner, -XDcompilePolicy=simple), which any
# check pays, so that crashguard's share can be told apart from it.
EP_NONE="-Xplugin:ErrorProne -XepDisableAllChecks"
EP_DEFAULTS="-Xplugin:ErrorProne -XepAllErrorsAsWarnings$(for c in $OUR_CHECKS; do printf ' -Xep:%s:OFF' "$c"; done)"
JAVAC_J=(-J$XMX)
for f in api code comp file main model parser processing tree util; do JAVAC_J+=("-J--add-exports=jdk.compiler/com.sun.tools.javac.$f=ALL-UNNAMED"); done
JAVAC_J+=(-J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED -J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED)

# measure NAME command...: REPEAT runs; each run's wall seconds and peak RSS (KiB) go to $W/times.txt (the
# report takes the median time and the largest memory); the last run's output is in $W/NAME.log.
measure() {
  local name=$1; shift
  local i
  for ((i = 1; i <= REPEAT; i++)); do
    measure_once "$name" "$i" "$@"
  done
}

# measure_once NAME RUN command...: one run of measure.
measure_once() {
  local name=$1 run=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$W/$name.time" "$@" >"$W/$name.log" 2>&1 || {
    local rc=$?; echo "bench: $name failed (exit $rc), see $W/$name.log" >&2; tail -5 "$W/$name.log" >&2; exit 1; }
  echo "$name $(cat "$W/$name.time")" >>"$W/times.txt"
  echo "bench: $name #$run $(awk '{printf "%.1f s, %.0f MiB", $1, $2/1024}' "$W/$name.time")" >&2
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for s in 1x 2x 4x; do
  for v in javac ep-none ep-crashguard ep-defaults; do rm -rf "$W/out-$v-$s"; mkdir -p "$W/out-$v-$s"; done
  common=(-d "$W/out-X-$s" -cp "$COMPILE_CP" -encoding UTF-8 -nowarn -Xmaxwarns 1 -implicit:none -proc:none "@$W/sources-$s.txt")
  # The compilers take turns (javac, Error Prone with every check off, with crashguard's, with its defaults),
  # EP_REPEAT rounds: the ratios between them are a few per cent, less than the drift of a shared machine
  # over the minutes that back-to-back runs of one would take.
  for ((r = 1; r <= EP_REPEAT; r++)); do
    measure_once "javac-$s" "$r" "$JDK/bin/javac" -J$XMX "${common[@]/out-X/out-javac}"
    measure_once "ep-none-$s" "$r" "$JDK/bin/javac" "${JAVAC_J[@]}" -XDcompilePolicy=simple --should-stop=ifError=FLOW \
      -processorpath "$EP_PATH" "$EP_NONE" "${common[@]/out-X/out-ep-none}"
    measure_once "ep-crashguard-$s" "$r" "$JDK/bin/javac" "${JAVAC_J[@]}" -XDcompilePolicy=simple --should-stop=ifError=FLOW \
      -processorpath "$EP_PATH" "$EP_ONLY_OURS" "${common[@]/out-X/out-ep-crashguard}"
    measure_once "ep-defaults-$s" "$r" "$JDK/bin/javac" "${JAVAC_J[@]}" -XDcompilePolicy=simple --should-stop=ifError=FLOW \
      -processorpath "$EP_PATH" "$EP_DEFAULTS" "${common[@]/out-X/out-ep-defaults}"
  done

  for rs in crashguard:category/java/crashguard.xml quickstart:rulesets/java/quickstart.xml; do
    measure "pmd-${rs%%:*}-$s" "$JDK/bin/java" $XMX -cp "$PMD_CP" net.sourceforge.pmd.cli.PmdCli check \
      --no-cache --no-progress --no-fail-on-violation --benchmark -R "${rs#*:}" --aux-classpath "$COMPILE_CP" \
      --file-list "$W/sources-$s.txt" -f text -r "$W/pmd-${rs%%:*}-$s.txt"
  done

  measure "spotbugs-crashguard-$s" "$JDK/bin/java" $XMX -cp "$SB_CP" edu.umd.cs.findbugs.FindBugs2 \
    -pluginList "$SB_PLUGIN" -visitors "$OUR_DETECTORS" -low -xml:withMessages \
    -output "$W/spotbugs-crashguard-$s.xml" -auxclasspath "$COMPILE_CP" "$W/classes-$s"
  measure "spotbugs-defaults-$s" "$JDK/bin/java" $XMX -cp "$SB_CP" edu.umd.cs.findbugs.FindBugs2 \
    -low -xml:withMessages -output "$W/spotbugs-defaults-$s.xml" -auxclasspath "$COMPILE_CP" "$W/classes-$s"
done
# crashguard added to quickstart, as users add it to the ruleset they already run: one PMD run, both rulesets.
# Each rule's own time is in the --benchmark report; PMD's XPath engine warms up once for all of them.
cat >"$W/both.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<ruleset name="quickstart and crashguard" xmlns="http://pmd.sourceforge.net/ruleset/2.0.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://pmd.sourceforge.net/ruleset/2.0.0 https://pmd.sourceforge.io/ruleset_2_0_0.xsd">
  <description>quickstart.xml and crashguard.xml in one run</description>
  <rule ref="rulesets/java/quickstart.xml"/>
  <rule ref="category/java/crashguard.xml"/>
</ruleset>
XML
measure "pmd-both-4x" "$JDK/bin/java" $XMX -cp "$PMD_CP" net.sourceforge.pmd.cli.PmdCli check \
  --no-cache --no-progress --no-fail-on-violation --benchmark -R "$W/both.xml" --aux-classpath "$COMPILE_CP" \
  --file-list "$W/sources-4x.txt" -f text -r "$W/pmd-both-4x.txt"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 bench/report.py "$W" "$LIBS" "$JDK" "$LOAD_BEFORE" "$LOAD_AFTER" "$OUR_DETECTORS" "$REPEAT" "$EP_REPEAT" >bench/RESULTS.md
echo "bench: wrote bench/RESULTS.md" >&2
cat bench/RESULTS.md
