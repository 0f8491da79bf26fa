/**
 * JSON Schemas of the Open311 GeoReport v2 responses, written from the specification
 * (http://wiki.open311.org/GeoReport_v2): each response is a list, fields as the spec names
 * them, nothing else (additionalProperties: false keeps identities out). The XML forms are
 * checked against the same schemas after reading them into the same shape.
 */
const text = { type: 'string' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const dateTimeOrEmpty = { anyOf: [dateTime, { type: 'string', maxLength: 0 }] } as const;

export const errorSchema = {
  $id: 'georeport-v2/errors',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code: { type: 'integer', minimum: 400, maximum: 599 }, description: text },
  },
} as const;

export const discoverySchema = {
  $id: 'georeport-v2/discovery',
  type: 'object',
  required: ['changeset', 'contact', 'key_service', 'endpoints'],
  additionalProperties: false,
  properties: {
    changeset: dateTime,
    contact: text,
    key_service: text,
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        additionalProperties: false,
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: dateTime,
          type: { enum: ['production', 'test'] },
          formats: { type: 'array', minItems: 1, items: { enum: ['text/xml', 'application/json'] } },
        },
      },
    },
  },
} as const;

export const servicesSchema = {
  $id: 'georeport-v2/services',
  type: 'array',
  items: {
    type: 'object',
    required: ['service_code', 'service_name', 'metadata', 'type'],
    additionalProperties: false,
    properties: {
      service_code: { type: 'string', minLength: 1 },
      service_name: { type: 'string', minLength: 1 },
      description: text,
      metadata: { type: 'boolean' },
      type: { enum: ['realtime', 'batch', 'blackbox'] },
      keywords: text,
      group: text,
    },
  },
} as const;

/** POST requests: an id at once, or a token to exchange for it later. */
export const postRequestSchema = {
  $id: 'georeport-v2/post-requests',
  type: 'array',
  minItems: 1,
  maxItems: 1,
  items: {
    type: 'object',
    anyOf: [{ required: ['service_request_id'] }, { required: ['token'] }],
    additionalProperties: false,
    properties: { service_request_id: { type: 'string', minLength: 1 }, token: text, service_notice: text, account_id: text },
  },
} as const;

export const requestsSchema = {
  $id: 'georeport-v2/requests',
  type: 'array',
  items: {
    type: 'object',
    required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
    additionalProperties: false,
    properties: {
      service_request_id: { type: 'string', minLength: 1 },
      status: { enum: ['open', 'closed'] },
      status_notes: text,
      service_name: text,
      service_code: text,
      description: text,
      agency_responsible: text,
      service_notice: text,
      requested_datetime: dateTime,
      updated_datetime: dateTimeOrEmpty,
      expected_datetime: dateTimeOrEmpty,
      address: text,
      address_id: text,
      zipcode: text,
      lat: { type: 'number', minimum: -90, maximum: 90 },
      long: { type: 'number', minimum: -180, maximum: 180 },
      media_url: {
        anyOf: [
          { type: 'string', format: 'uri' },
          { type: 'string', maxLength: 0 },
        ],
      },
    },
  },
} as const;

export const tokensSchema = {
  $id: 'georeport-v2/tokens',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['token'],
    additionalProperties: false,
    properties: { token: { type: 'string', minLength: 1 }, service_request_id: text },
  },
} as const;
