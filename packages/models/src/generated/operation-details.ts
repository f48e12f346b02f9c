// Generated from openapi/telephony.yaml by packages/models/scripts/generate.mjs.
// Do not edit: change the contract and run `pnpm generate`.

import type { operations } from './telephony';
import type { OperationDetails } from '../operation-info';

/** Per operation: description, parameters, request body and every response. */
export const operationDetails = {
  "getTelephonyMediaregions": {
    "description": "Retrieve the list of AWS regions media can stream through: the organization's home region,\nthe core regions and the satellite regions.\n\nRequires ANY permissions: `telephony:plugin:all`.\n",
    "parameters": [],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "MediaRegions"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "getTelephonyPhonePhoneIdSettings": {
    "description": "GET phone address data: the primary and secondary SIP registration targets (Edge, trunk\nbase, registrar, port and transport) of a phone.\n\nThis operation is internal to the platform (`x-genesys-visibility: internal`): it is\ndescribed, typed and emulated by telephony-kit, but it is not part of the public, supported\nAPI surface and may change without notice.\n\nRequires ANY permissions: `telephony:plugin:all`.\n",
    "parameters": [
      {
        "name": "phoneId",
        "in": "path",
        "required": true,
        "type": "string",
        "array": false,
        "description": "Phone Identifier"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "PhoneAddressData"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "getTelephonyPhonehomePhoneconfigurationHardwareId": {
    "description": "GET phone configuration data: the provisioning document a phone fetches when it \"phones\nhome\", looked up by its hardware id (MAC address, or FQDN for softphones). The document is\nfree-form JSON whose shape depends on the phone model.\n\nThis operation is internal to the platform (`x-genesys-visibility: internal`): it is\ndescribed, typed and emulated by telephony-kit, but it is not part of the public, supported\nAPI surface and may change without notice.\n\nRequires NO permissions and no access token: the operation overrides the global security\nrequirement with an empty one (`security: []`).\n",
    "parameters": [
      {
        "name": "hardwareId",
        "in": "path",
        "required": true,
        "type": "string",
        "array": false,
        "description": "Phone's physical address AKA MAC address or FQDN for softphones"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "object"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "getTelephonySipmessagesConversation": {
    "description": "Get the raw form of the SIP message\n\nRequires ALL permissions: `telephony:pcap:view`.\n",
    "parameters": [
      {
        "name": "conversationId",
        "in": "path",
        "required": true,
        "type": "string",
        "array": false,
        "description": "Conversation id"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "Callmessage"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "getTelephonySipmessagesConversationHeaders": {
    "description": "Get parsed SIP headers. Returns specific headers if key query parameters are added.\n\nRequires ALL permissions: `telephony:pcap:view`.\n",
    "parameters": [
      {
        "name": "conversationId",
        "in": "path",
        "required": true,
        "type": "string",
        "array": false,
        "description": "Conversation id"
      },
      {
        "name": "keys",
        "in": "query",
        "required": false,
        "type": "string",
        "array": true,
        "description": "comma-separated list of header identifiers to query. e.g. ruri,to,from\n\ntelephony-kit sends the list as repeated parameters (`keys=ruri&keys=to&keys=from`, style\nform, explode true); servers also accept one comma-joined value (`keys=ruri,to,from`).\nWithout `keys` every parsed header is returned.\n"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "Callheader"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "getTelephonySiptraces": {
    "description": "Fetch SIP metadata that matches a given parameter. If exactMatch is passed as a parameter only sip records that have exactly that value will be returned. For example, some records contain conversationId but not all relevant records for that call may contain the conversationId so only a partial view of the call will be reflected\n\nThe result is a Homer 5 search envelope (`SipSearchResult`) whose `data` holds one\n`HomerRecord` per captured SIP message. SIP data exists only for calls that cross an\nexternal trunk.\n\nRequires ALL permissions: `telephony:pcap:view`.\n",
    "parameters": [
      {
        "name": "dateStart",
        "in": "query",
        "required": true,
        "type": "string",
        "format": "date-time",
        "array": false,
        "description": "Start date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z"
      },
      {
        "name": "dateEnd",
        "in": "query",
        "required": true,
        "type": "string",
        "format": "date-time",
        "array": false,
        "description": "End date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z"
      },
      {
        "name": "callId",
        "in": "query",
        "required": false,
        "type": "string",
        "array": false,
        "description": "unique identification of the placed call"
      },
      {
        "name": "toUser",
        "in": "query",
        "required": false,
        "type": "string",
        "array": false,
        "description": "User to who the call was placed"
      },
      {
        "name": "fromUser",
        "in": "query",
        "required": false,
        "type": "string",
        "array": false,
        "description": "user who placed the call"
      },
      {
        "name": "conversationId",
        "in": "query",
        "required": false,
        "type": "string",
        "array": false,
        "description": "Unique identification of the conversation"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "SipSearchResult"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "postTelephonySiptracesDownload": {
    "description": "Request a download of a pcap file to S3\n\nStarts an asynchronous job that writes the PCAP of the SIP traffic matching the search to\nS3, and answers at once with the job's `downloadId` (200, as the official SDKs expect). Poll\n`GET /api/v2/telephony/siptraces/download/{downloadId}`\n(getTelephonySiptracesDownloadDownloadId) until it answers 200 with a signed `url`.\nPCAPs exist only for calls that cross an external trunk and are kept 21 days.\n\nRequires ALL permissions: `telephony:pcap:add`.\n",
    "parameters": [],
    "requestBody": {
      "schema": "SIPSearchPublicRequest",
      "contentType": "application/json",
      "required": true
    },
    "responses": [
      {
        "status": 200,
        "schema": "SipDownloadResponse"
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "getTelephonySiptracesDownloadDownloadId": {
    "description": "Get signed S3 URL for a pcap download\n\nAsynchronous contract (telephony-kit): while the PCAP requested with\n`POST /api/v2/telephony/siptraces/download` is being prepared the operation answers **202**\nwith no body and a `Retry-After` header (seconds to wait before polling again); once the\nfile is ready it answers **200** with a `SignedUrlResponse` whose `url` is a signed S3 URL.\nWhat the platform answers before the file is ready is not documented, so a client also\ntreats a 404 shortly after the request, or a 200 without `url`, as \"not ready yet\".\n\nThe signed URL is a bearer credential of its own: fetch it with a plain GET **without** the\nAPI token (never send the `Authorization` header to it), do not log or cache it, and call\nthis operation again for a fresh URL rather than reusing an old one.\n\nRequires ALL permissions: `telephony:pcap:view`.\n",
    "parameters": [
      {
        "name": "downloadId",
        "in": "path",
        "required": true,
        "type": "string",
        "array": false,
        "description": "unique id for the downloaded file in S3"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 200,
        "schema": "SignedUrlResponse"
      },
      {
        "status": 202,
        "schema": null
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  },
  "postTelephonyProvidersEdgesSiteSchedulereboot": {
    "description": "Schedule a job in the near future: a reboot of the Edges of a site. The operation takes no\nbody and answers 202 with no body once the reboot is scheduled; 409 (`conflict`) when a\nreboot of the site is already pending.\n\nThis operation is internal to the platform (`x-genesys-visibility: internal`): it is\ndescribed, typed and emulated by telephony-kit, but it is not part of the public, supported\nAPI surface and may change without notice.\n\nRequires ANY permissions: `internal:site:edit`.\n",
    "parameters": [
      {
        "name": "siteId",
        "in": "path",
        "required": true,
        "type": "string",
        "array": false,
        "description": "Site ID"
      }
    ],
    "requestBody": null,
    "responses": [
      {
        "status": 202,
        "schema": null
      },
      {
        "status": 400,
        "schema": "ErrorBody"
      },
      {
        "status": 401,
        "schema": "ErrorBody"
      },
      {
        "status": 403,
        "schema": "ErrorBody"
      },
      {
        "status": 404,
        "schema": "ErrorBody"
      },
      {
        "status": 408,
        "schema": "ErrorBody"
      },
      {
        "status": 409,
        "schema": "ErrorBody"
      },
      {
        "status": 413,
        "schema": "ErrorBody"
      },
      {
        "status": 415,
        "schema": "ErrorBody"
      },
      {
        "status": 429,
        "schema": "ErrorBody"
      },
      {
        "status": 500,
        "schema": "ErrorBody"
      },
      {
        "status": 503,
        "schema": "ErrorBody"
      },
      {
        "status": 504,
        "schema": "ErrorBody"
      }
    ]
  }
} as const satisfies Record<keyof operations, OperationDetails>;
