const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string can be a row id, before it reaches a uuid column (which would fail loudly). Every layer may ask. */
export const isUuid = (value: string) => UUID.test(value);
