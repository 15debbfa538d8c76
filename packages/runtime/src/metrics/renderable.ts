/** A metric as the registry holds it: the object services update, and how to print it. */
export interface Renderable<TMetric> {
  metric: TMetric
  render: () => string[]
}
