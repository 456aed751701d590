// The notification service. For now: the broker the hub announces observations on.
export { connectExternalBroker, startEmbeddedBroker, PortInUseError, type Broker } from './broker.js';
