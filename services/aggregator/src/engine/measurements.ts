/**
 * The InfluxDB schema is the contract's (@millstream/contract influx-schema.ts): measurement,
 * tag and field names come from there, so the aggregator writes what readers read.
 */
export { INTEGER_FIELDS, machineEnergyFields, machineFieldNames, MEASUREMENTS, mediumField, meterFieldNames } from '@millstream/contract'
