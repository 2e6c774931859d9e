#!/bin/sh
# Refresh static/vendor/leaflet/ from the npm packages of Leaflet and Leaflet.markercluster. The
# files are committed, so building a site never needs npm or a network; run this only to change a
# version.   scripts/vendor-leaflet.sh [LEAFLET_VERSION] [MARKERCLUSTER_VERSION]
set -eu
VERSION="${1:-1.9.4}"
CLUSTER="${2:-1.5.3}"
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "leaflet@$VERSION" "leaflet.markercluster@$CLUSTER" >/dev/null)
(cd "$tmp" && mkdir leaflet cluster && tar xzf leaflet-"$VERSION".tgz -C leaflet \
  && tar xzf leaflet.markercluster-"$CLUSTER".tgz -C cluster)
dest=static/vendor/leaflet
rm -rf "$dest"
mkdir -p "$dest/images" "$dest/markercluster"
cp "$tmp/leaflet/package/dist/leaflet.js" "$tmp/leaflet/package/dist/leaflet.css" "$tmp/leaflet/package/LICENSE" "$dest/"
cp "$tmp/leaflet/package/dist/images/"*.png "$dest/images/"
echo "$VERSION" > "$dest/VERSION"
src="$tmp/cluster/package"
cp "$src/dist/leaflet.markercluster.js" "$src/dist/MarkerCluster.css" "$src/dist/MarkerCluster.Default.css" \
  "$src/MIT-LICENCE.txt" "$dest/markercluster/"
sed -i '/sourceMappingURL/d' "$dest/markercluster/leaflet.markercluster.js"  # the map file is not shipped
echo "$CLUSTER" > "$dest/markercluster/VERSION"
echo "Leaflet $VERSION and Leaflet.markercluster $CLUSTER copied into $dest"
