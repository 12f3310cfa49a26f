# Sourced by the tools that fetch Debian source packages (binutils-testsuite.sh,
# package-builds.sh): make sure apt has a deb-src entry for bookworm main.

# Is there a deb-src entry? One-line format (sources.list, *.list) or deb822 (*.sources).
have_deb_src() {
  grep -qsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    || grep -qsiE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources
}
# The deb entries for bookworm (not -updates/-security) main, as "URI|signed-by" lines.
bookworm_deb_uris() {
  # one-line format: deb [opts] URI bookworm main ...
  awk '$1 == "deb" {
         opts = ""; i = 2
         if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opts = opts " " $i; i++ } opts = opts " " $i; i++ }
         uri = $i; suite = $(i + 1); main = 0
         for (j = i + 2; j <= NF; j++) if ($j == "main") main = 1
         signed = ""
         if (match(opts, /signed-by=[^] ]*/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
         if (suite == "bookworm" && main) print uri "|" signed
       }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
  # deb822: stanzas separated by blank lines
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'function flush() {
           if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ / bookworm / && (" " comps " ") ~ / main /)
             { n = split(uris, u, " "); for (k = 1; k <= n; k++) print u[k] "|" signed }
           types = uris = suites = comps = signed = ""
         }
         /^[[:space:]]*#/ { next }
         /^[[:space:]]*$/ { flush(); next }
         { key = tolower($1); sub(/^[^:]*:[[:space:]]*/, "") }
         key == "types:" { types = $0 } key == "uris:" { uris = $0 }
         key == "suites:" { suites = $0 } key == "components:" { comps = $0 }
         key == "signed-by:" { signed = $0 }
         END { flush() }' "$f"
  done
}

# ensure_deb_src WRITER: when apt has no deb-src entry, write
# /etc/apt/sources.list.d/rivet-deb-src.list (bookworm main, from the machine's own deb
# entries). Returns 0 when it wrote one (the caller runs apt-get update), 1 otherwise.
# Uses $SUDO (empty as root).
ensure_deb_src() {
  have_deb_src && return 1
  local list=/etc/apt/sources.list.d/rivet-deb-src.list entries uri signed
  entries=$(bookworm_deb_uris | sort -u)
  [ -n "$entries" ] || entries="http://deb.debian.org/debian|"
  {
    echo "# written by rivet's $1 (for apt-get source)"
    while IFS='|' read -r uri signed; do
      if [ -n "$signed" ]; then echo "deb-src [signed-by=$signed] $uri bookworm main"
      else echo "deb-src $uri bookworm main"; fi
    done <<<"$entries"
  } | ${SUDO:-} tee "$list" >/dev/null
  echo "   wrote $list:"; sed 's/^/     /' "$list"
  return 0
}
