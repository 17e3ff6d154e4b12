# Sourced by scripts/run.sh and scripts/startup.sh: a class-data sharing archive of bulletin.jar, so the JVM maps the
# classes of Kafka, Kafka Streams, Jetty and H2 instead of loading and verifying them on every start (about 3 s of
# the start-up on a 2-vCPU machine). The first start writes it when the JVM exits (Ctrl-C), under a name of its own;
# cds_settle moves it into place. It is named by the jar's modification time, so a rebuilt jar gets a new one.
# BULLETIN_CDS=0 turns it off.

# Sets CDS_FLAGS, the JVM flags for jar $1, and CDS_PENDING / CDS_ARCHIVE for cds_settle. Call it directly, not in
# $(...): a subshell would keep the variables to itself.
CDS_FLAGS=""
CDS_PENDING=""
CDS_ARCHIVE=""
cds_flags() {
  CDS_FLAGS=""
  CDS_PENDING=""
  CDS_ARCHIVE=""
  if [ "${BULLETIN_CDS:-1}" = "0" ]; then
    return
  fi
  local jar dir
  jar=$1
  dir=$(cd "$(dirname "$jar")" && pwd)
  CDS_ARCHIVE="$dir/$(basename "$jar" .jar)-$(stat -c %Y "$jar").jsa"
  if [ -f "$CDS_ARCHIVE" ]; then
    # Mapped where it was written, not moved: relocating ~100 MB of class data took ~0.15 s of every start.
    CDS_FLAGS="-XX:SharedArchiveFile=$CDS_ARCHIVE -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -Xlog:cds=off"
  elif [ -w "$dir" ]; then
    CDS_PENDING="$CDS_ARCHIVE.$$.part"
    # (-Xlog:cds=off: the dump names every class it cannot archive, such as picocli's Java 5 classes)
    CDS_FLAGS="-XX:ArchiveClassesAtExit=$CDS_PENDING -Xlog:cds=off"
  fi
}

# After the JVM has exited: keeps the archive it wrote, unless another start was first.
cds_settle() {
  if [ -n "$CDS_PENDING" ] && [ -f "$CDS_PENDING" ]; then
    if [ -f "$CDS_ARCHIVE" ]; then rm -f "$CDS_PENDING"; else mv -f "$CDS_PENDING" "$CDS_ARCHIVE"; fi
  fi
}
