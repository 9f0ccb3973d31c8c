export * from './bridge';
export * from './channels';
export * from './codec';
export * from './envelope';
export * from './errors';
export * from './events';
export * from './roles';
export * from './schemas';
