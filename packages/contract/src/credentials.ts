/** The MQTT username of a plant's gateway; the broker ACL lets it publish only under its plant. */
export function gatewayUsername(firm: string, plant: string): string {
  return `gw-${firm}-${plant}`
}
