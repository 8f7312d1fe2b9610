// What hosts import from the backend.
export { Backend, openStartupProject } from './backend';
export type { MethodInput, MethodName, MethodOutput } from './contract';
export { APP_METHODS, contract, isMethodName, METHOD_NAMES } from './contract';
export { type Caller, dispatch } from './dispatch';
export { type ApiError, fail, ok, type Result } from './result';
