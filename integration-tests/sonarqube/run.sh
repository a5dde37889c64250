#!/usr/bin/env bash
# End-to-end proof that crashguard findings import into a real SonarQube server.
#
#   integration-tests/sonarqube/run.sh
#
# Downloads SonarQube (org.sonarsource.sonarqube:sonar-application zip, ~950 MB, from Maven Central through
# the Maven wrapper, cached in ~/.m2), starts it on 127.0.0.1 as an unprivileged user (Elasticsearch
# refuses root: run as root, the script creates the user 'crashguard-sonar' and starts the server as that
# user; run as anyone else, it starts the server as you), scans ./consumer with sonar-maven-plugin twice (the
# generic-issues route with sonar-java's PMD and SpotBugs importers, then the SARIF route alone, as two
# projects), reads the issues back through the Web API, asserts each expected finding and its rule
# metadata, and stops the server. Takes about 5 minutes.
# Options: --no-install reuses the crashguard artifacts already in ~/.m2 (after ./mvnw install).
# Environment: SONAR_PORT (default 9000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sonar_version=26.9.0.129388
scanner_version=5.3.0.6276
port=${SONAR_PORT:-9000}
work="$root/integration-tests/target/sonarqube"
sonar_user=crashguard-sonar
mvnw="$root/mvnw"

log() { printf '[sonarqube-e2e] %s\n' "$*"; }
die() { printf '[sonarqube-e2e] FAILED: %s\n' "$*" >&2; exit 1; }

install=1
for arg in "$@"; do
  case "$arg" in
    --no-install) install=0 ;;
    *) die "unknown option '$arg' (known: --no-install)" ;;
  esac
done

# SonarQube 26.x runs on Java 21+ and needs jdk.jdi, which its bundled JRE lacks: use a full JDK.
java_home=""
for candidate in /usr/lib/jvm/*; do
  [ -x "$candidate/bin/java" ] || continue
  major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
  if [ "${major:-0}" -ge 21 ] && "$candidate/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.jdi@'; then
    java_home=$candidate
  fi
done
[ -n "$java_home" ] || die "no JDK 21+ with jdk.jdi under /usr/lib/jvm"
log "JDK for the server: $java_home"

if [ "$install" = 1 ]; then
  log "installing crashguard artifacts"
  (cd "$root" && "$mvnw" -B -q install -DskipTests)
fi

mkdir -p "$work"
home="$work/sonarqube-$sonar_version"
if [ ! -d "$home" ]; then
  log "fetching SonarQube $sonar_version"
  (cd "$root" && "$mvnw" -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.sonarsource.sonarqube:sonar-application:$sonar_version:zip" -DoutputDirectory="$work")
  unzip -q -o "$work/sonar-application-$sonar_version.zip" -d "$work"
  rm -f "$work/sonar-application-$sonar_version.zip"
fi
chmod +x "$home/bin/linux-x86-64/sonar.sh" "$home"/elasticsearch/bin/*
if [ "$(id -u)" = 0 ]; then
  id "$sonar_user" >/dev/null 2>&1 || useradd --system --create-home --shell /bin/bash "$sonar_user"
else
  sonar_user=$(id -un)
fi
# A fresh data directory each run: the assertions below must see only this scan.
rm -rf "$home/data" "$home/temp" "$home/logs"
mkdir -p "$home/data" "$home/temp" "$home/logs"
cat > "$home/conf/sonar.properties" <<PROPS
sonar.web.host=127.0.0.1
sonar.web.port=$port
sonar.search.host=127.0.0.1
PROPS
sonar_env=(env JAVA_HOME="$java_home" SONAR_JAVA_PATH="$java_home/bin/java" PATH="$java_home/bin:$PATH")
if [ "$(id -u)" = 0 ]; then
  chown -R "$sonar_user" "$home"
  # The work dir's parents must be traversable by the server's user.
  chmod o+x "$root" "$root/integration-tests" "$root/integration-tests/target" "$work" 2>/dev/null || true
  as_sonar() { runuser -u "$sonar_user" -- "${sonar_env[@]}" "$@"; }
else
  as_sonar() { "${sonar_env[@]}" "$@"; }
fi
stop_server() {
  log "stopping the server"
  as_sonar "$home/bin/linux-x86-64/sonar.sh" stop >/dev/null 2>&1 || true
}
trap stop_server EXIT

base="http://127.0.0.1:$port"
log "starting SonarQube on $base"
as_sonar "$home/bin/linux-x86-64/sonar.sh" start
status=""
for _ in $(seq 1 120); do
  status=$(curl -s "$base/api/system/status" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("status",""))' 2>/dev/null || true)
  [ "$status" = UP ] && break
  sleep 3
done
[ "$status" = UP ] || { tail -n 40 "$home"/logs/*.log >&2 || true; die "server not UP (status '$status')"; }
log "server UP"

token=$(curl -s -u admin:admin -X POST "$base/api/user_tokens/generate" -d "name=crashguard-e2e-$$" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') || die "could not create a token with admin:admin"

consumer="$work/consumer"
rm -rf "$consumer"
cp -r "$here/consumer" "$consumer"
log "building the consumer (PMD, SpotBugs, crashguard converter)"
(cd "$consumer" && "$mvnw" -B -q verify)
# Two projects, one per route: SonarQube keys an external rule by engine name, and crashguard's generic
# file and its SARIF run are both "crashguard"; in one project the second import would redefine the
# first one's rule (and duplicate each issue), which is not what a user who picks one route sees.
scan() { # project key, then -D overrides for the routes it does not use
  local key=$1; shift
  log "scanning $key with sonar-maven-plugin $scanner_version"
  (cd "$consumer" && "$mvnw" -B -q "org.sonarsource.scanner.maven:sonar-maven-plugin:$scanner_version:sonar" \
      -Dsonar.host.url="$base" -Dsonar.token="$token" -Dsonar.projectKey="$key" \
      -Dsonar.scm.disabled=true "$@")
  local ce_url ce
  ce_url=$(sed -n 's/^ceTaskUrl=//p' "$consumer/target/sonar/report-task.txt")
  for _ in $(seq 1 100); do
    ce=$(curl -s -u "$token:" "$ce_url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["task"]["status"])')
    case "$ce" in SUCCESS) break ;; FAILED|CANCELED) die "background task $ce" ;; esac
    sleep 2
  done
  [ "$ce" = SUCCESS ] || die "background task for $key did not finish"
  curl -s -u "$token:" "$base/api/issues/search?components=$key&ps=500&additionalFields=_all" > "$work/issues-$key.json"
}
scan crashguard-demo -Dsonar.sarifReportPaths=
# Ad hoc rules are the server's, not the project's: read the generic file's rule before SARIF's import
# defines the same key its own way.
curl -s -u "$token:" "$base/api/rules/show?key=external_crashguard:UnsynchronizedMapWrite" > "$work/rule.json"
scan crashguard-demo-sarif -Dsonar.externalIssuesReportPaths= -Dsonar.java.pmd.reportPaths= \
    -Dsonar.java.spotbugs.reportPaths=
log "issues read back (saved in $work/issues-*.json):"
python3 "$here/check_issues.py" "$work/issues-crashguard-demo.json" "$work/rule.json" \
    "$work/issues-crashguard-demo-sarif.json"
python3 "$here/check_readme.py" "$root/README.md" "$here/consumer/pom.xml" sonar-properties sonar-converter
log "PASSED"
