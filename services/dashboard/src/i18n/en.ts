/** English messages. Keys must match zh-CN.ts (a unit test compares the two key sets). */
export const en = {
  app: { title: 'MillStream', language: '中文', languageLabel: 'Switch to Chinese', signOut: 'Sign out', skip: 'Skip to content', home: 'Plants' },
  nav: { live: 'Live and OEE', energy: 'Energy', platform: 'Platform', plants: 'Plants' },
  signIn: { title: 'Sign in', name: 'Name', password: 'Password', submit: 'Sign in', wrong: 'Wrong name or password', limited: 'Too many attempts: wait a minute', failed: 'Sign-in failed: {message}' },
  common: {
    loading: 'Loading…', error: 'Could not load: {message}', forbidden: 'You may not open this page: it belongs to another plant or firm.',
    notAvailable: 'Not available yet', notAvailableWhy: 'The API does not serve this yet ({what}); no number is shown rather than a made-up one.',
    notInDashboard: 'Not shown here yet', notInDashboardWhy: 'The API serves it ({what}); this dashboard does not show it yet.',
    noRows: 'No data in this period', timeZone: 'Times in {tz}', today: 'Today', days7: 'Last 7 days', days30: 'Last 30 days', range: 'Period',
    exportXlsx: 'Export to Excel', updated: 'Updated {time}', total: 'Total', line: 'Line', machine: 'Machine', plant: 'Plant', firm: 'Firm', day: 'Day',
  },
  live: {
    title: 'Machines now', lost: 'Live connection lost: reconnecting…', connecting: 'Connecting to the live stream…', since: 'for {duration}',
    noMachines: 'No machines on this line', legend: 'States',
  },
  state: { running: 'Running', idle: 'Idle', down: 'Down', setup: 'Setup', planned_stop: 'Planned stop', off: 'Off', no_data: 'No data', unknown: 'Unknown' },
  oee: {
    title: 'OEE by line, today', oee: 'OEE', availability: 'Availability', performance: 'Performance', quality: 'Quality',
    qualityNotMeasured: 'no good count reported', trend: 'OEE by line, last 7 days', shifts: 'Per shift', shiftsWhat: 'rows per shift of the plant calendar',
  },
  textile: {
    loomEfficiency: 'Loom efficiency', picks: 'Picks', stopsPer1e5: 'Stops per 10⁵ picks', spinningEfficiency: 'Spinning efficiency', producedKg: 'Produced', 
    title: 'Loom and spinning efficiency', what: 'the textile efficiency routes (loom efficiency from picks, spinning efficiency)' },
  pareto: { title: 'Stops by reason, today', reason: 'Reason', count: 'Stops', down: 'Down time', cumulative: 'Cumulative share', none: 'No stops today' },
  machine: {
    title: 'Machine {name}', type: 'Type', idealRate: 'Ideal rate', ratedPower: 'Rated power', stateNow: 'State now', stateDays: 'Time in each state, last 7 days',
    stops: 'Stops by reason, last 7 days', changes: 'State changes since this page opened', noChanges: 'No change yet', at: 'At', back: 'Back to the plant',
    timeline: 'State timeline, minute by minute', timelineWhat: 'a minute-by-minute state timeline route',
  },
  energy: {
    band: 'Band', cost: 'Cost', totalCost: 'Total cost', meetsRule: 'Meets 90 %', yes: 'yes', no: 'no', meetRule: '{n} of {m} devices meet the rule', 
    title: 'Energy', byMedium: 'Plant incomers by medium and day', byLine: 'Machine meters by line', medium: 'Medium', consumption: 'Consumption', idle: 'While not running',
    offShift: 'Outside shifts', coal: 'Standard coal and CO2', coalEquivalent: 'Standard coal (当量值, equivalent value)', coalEqual: 'Standard coal (等价值, equal value)',
    co2: 'CO2', factor: 'Factor {value} {unit}, {year} ({status})', meters: 'Main meter against sub-meters', incomers: 'Incomers', subMeters: 'Line sub-meters',
    unmetered: 'Incomers − sub-meters', quality: 'Data quality (excluded discontinuities)', device: 'Device', samples: 'Samples', late: 'Late', duplicates: 'Duplicates',
    tooLate: 'Too late', discontinuities: 'Discontinuities', noEvents: 'No quality events in this period',
    sec: 'Energy per unit of output against quota grades', secWhat: 'specific energy consumption against GB quota grades',
    tou: 'Peak, flat and valley split and cost', touWhat: 'the tariff calendar and its prices', enpi: 'EnPI against baseline', enpiWhat: 'an ISO 50006 baseline model',
    completeness: 'Data completeness (90 % rule)', completenessWhat: 'a coverage route',
  },
  factorStatus: { verified: 'verified', secondary: 'secondary source', unverified: 'unverified', maybe: 'uncertain' },
  // Stop reason codes of the seeds and simulator; an unknown code is shown as sent.
  reason: { bale_laydown: 'Bale laydown', beam_change: 'Beam change', blade_change: 'Blade change', blockage: 'Blockage', 'break': 'Break', breakdown: 'Breakdown', choke: 'Choke', cleaning: 'Cleaning', doffing: 'Doffing', down_refill: 'Down refill', fabric_break: 'Fabric break', hole_stop: 'Hole stop', lap_change: 'Lap change', lot_change: 'Lot change', maintenance: 'Maintenance', needle_break: 'Needle break', needle_change: 'Needle change', no_material: 'No material', not_scheduled: 'Not scheduled', operator_away: 'Operator away', other_stop: 'Other stop', pump_fault: 'Pump fault', rewind: 'Rewind', roll_doff: 'Roll doff', rotor_cleaning: 'Rotor cleaning', roving_break: 'Roving break', roving_out: 'Roving out', scale_calibration: 'Scale calibration', shade_check: 'Shade check', sliver_break: 'Sliver break', sliver_out: 'Sliver out', spinneret_change: 'Spinneret change', splicer_fault: 'Splicer fault', spreading: 'Spreading', style_change: 'Style change', thread_break: 'Thread break', tow_break: 'Tow break', unload_load: 'Unload and load', viscose_supply: 'Viscose supply', warp_break: 'Warp break', weft_break: 'Weft break', yarn_break: 'Yarn break', unspecified: 'No reason given' },
  band: { tip: 'Tip', peak: 'Peak', flat: 'Flat', valley: 'Valley', deep_valley: 'Deep valley' },
  medium: { electricity: 'Electricity', steam: 'Steam', water: 'Water', gas: 'Natural gas' },
  platform: {
    title: 'Platform', plants: 'Plants the firms share', reporting: 'Reporting', silent: 'Stopped reporting', reportingOk: 'Reporting', samples: 'Samples (15 min)',
    energyTotals: 'Shared energy, last 30 days', ranking: 'Plants and firms ranked by digitalization and energy score', rankingWhat: 'score routes',
    cluster: 'Cluster', digitalization: 'Digitalization', energyScore: 'Energy', rank: 'Rank', percentile: 'Percentile', completeness: 'Completeness', withheld: 'Withheld because', plantsCount: 'Plants', plantsWithoutData: 'Without data', evidence: 'Evidence and diagnosis of each score', evidenceWhat: 'the latest score record route',
    clusters: 'Clusters (counties): totals and percentiles', clustersWhat: 'cluster roll-up routes', shared: 'Only what each firm shares is shown.',
  },
  units: { kWh: 'kWh', t: 't', m3: 'm³', Nm3: 'Nm³', kgce: 'kgce', tce: 'tce', kgCo2: 'kg CO₂', tCo2: 't CO₂', h: 'h', min: 'min', s: 's', perMin: '/min', kW: 'kW' },
  duration: { hm: '{h} h {m} min', ms: '{m} min {s} s', s: '{s} s' },
}
