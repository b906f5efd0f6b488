#!/bin/sh
# Builds lib/bramble.aot, an AOT cache (JEP 483/515) for the newest installed JDK >= 25, by running the startup
# training with it. The launcher then prefers that JDK: on the development VM it halves `bramble run`'s wall time
# compared with Java 17 + AppCDS (README, Performance). Without such a JDK nothing is built and the launcher stays
# on the default java with the AppCDS archive. Usage: aot-cache.sh TARGET_DIR
set -u
target=$1
lib=$target/lib
rm -f "$lib/bramble.aot" "$lib/bramble.aot.java" "$lib/shim.aot"
best=
for java in ${BRAMBLE_AOT_JAVA:-} /usr/lib/jvm/*/bin/java; do
  [ -x "$java" ] || continue
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case $major in ''|*[!0-9]*) continue ;; esac
  if [ "$major" -ge 25 ]; then best=$java; fi
done
[ -n "$best" ] || { echo "aot-cache: no JDK >= 25 installed; the launcher uses the AppCDS archive"; exit 0; }
case $(uname -m) in x86_64) jna=linux-x86-64 ;; aarch64) jna=linux-aarch64 ;; *) jna=none ;; esac
cp=$lib/runtime.jar:$lib/oci-spec.jar:$lib/jackson-databind.jar:$lib/jackson-core.jar:$lib/jackson-annotations.jar:$lib/jna.jar
flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable --enable-native-access=ALL-UNNAMED -Djdk.reflect.useNativeAccessorOnly=true"
shimcp=$lib/shim.jar:$lib/runtime.jar:$lib/oci-spec.jar:$lib/jackson-databind.jar:$lib/jackson-core.jar:$lib/jackson-annotations.jar:$lib/jna.jar:$lib/protobuf-java.jar
# the shim's cache: start, delete and a daemon's first Create (ShimStartupTraining); same class path prefix as its
# launcher
# shellcheck disable=SC2086
"$best" $flags -Djna.boot.library.path="$lib/native/com/sun/jna/$jna" -XX:AOTCacheOutput="$lib/shim.aot" \
    -cp "$shimcp" dev.bramble.shim.ShimStartupTraining "$lib/shim.jar" >/dev/null 2>&1 || rm -f "$lib/shim.aot"
if "$best" $flags \
    -Djna.boot.library.path="$lib/native/com/sun/jna/$jna" -XX:AOTCacheOutput="$lib/bramble.aot" \
    -cp "$cp" dev.bramble.runtime.cli.StartupTraining "$lib/runtime.jar" "$lib/oci-spec.jar" >/dev/null 2>&1 \
    && [ -s "$lib/bramble.aot" ]; then
  echo "$best" > "$lib/bramble.aot.java"
  echo "aot-cache: built $lib/bramble.aot with $best"
else
  rm -f "$lib/bramble.aot"
  echo "aot-cache: $best could not build an AOT cache; the launcher uses the AppCDS archive"
fi
