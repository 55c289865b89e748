export { S1Error } from './s1-error';
