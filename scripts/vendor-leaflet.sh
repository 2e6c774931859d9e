#!/bin/sh
# Refresh static/vendor/leaflet/ from Leaflet's npm package. The files are committed, so building
# a site never needs npm or a network; run this only to change the Leaflet version.
set -eu
VERSION="${1:-1.9.4}"
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "leaflet@$VERSION" >/dev/null && tar xzf leaflet-*.tgz)
dest=static/vendor/leaflet
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$tmp/package/dist/leaflet.js" "$tmp/package/dist/leaflet.css" "$tmp/package/LICENSE" "$dest/"
cp "$tmp/package/dist/images/"*.png "$dest/images/"
echo "$VERSION" > "$dest/VERSION"
echo "Leaflet $VERSION copied into $dest"
