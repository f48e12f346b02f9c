// Generated from openapi/telephony.yaml by packages/models/scripts/generate.mjs.
// Do not edit: change the contract and run `pnpm generate`.

import type { operations } from './telephony';
import type { OperationInfo } from '../operation-info';

/** One entry per operation of the contract: method, path, permissions, visibility, token. */
export const operationTable = {
  "getTelephonyMediaregions": {
    "operationId": "getTelephonyMediaregions",
    "method": "get",
    "path": "/api/v2/telephony/mediaregions",
    "summary": "Retrieve the list of AWS regions media can stream through.",
    "permissions": {
      "type": "ANY",
      "permissions": [
        "telephony:plugin:all"
      ]
    },
    "visibility": "public",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "MediaRegions"
      }
    ]
  },
  "getTelephonyPhonePhoneIdSettings": {
    "operationId": "getTelephonyPhonePhoneIdSettings",
    "method": "get",
    "path": "/api/v2/telephony/phone/{phoneId}/settings",
    "summary": "GET phone address data",
    "permissions": {
      "type": "ANY",
      "permissions": [
        "telephony:plugin:all"
      ]
    },
    "visibility": "internal",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "PhoneAddressData"
      }
    ]
  },
  "getTelephonyPhonehomePhoneconfigurationHardwareId": {
    "operationId": "getTelephonyPhonehomePhoneconfigurationHardwareId",
    "method": "get",
    "path": "/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}",
    "summary": "GET phone configuration data",
    "permissions": null,
    "visibility": "internal",
    "requiresToken": false,
    "success": [
      {
        "status": 200,
        "schema": "object"
      }
    ]
  },
  "getTelephonySipmessagesConversation": {
    "operationId": "getTelephonySipmessagesConversation",
    "method": "get",
    "path": "/api/v2/telephony/sipmessages/conversations/{conversationId}",
    "summary": "Get a SIP message.",
    "permissions": {
      "type": "ALL",
      "permissions": [
        "telephony:pcap:view"
      ]
    },
    "visibility": "public",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "Callmessage"
      }
    ]
  },
  "getTelephonySipmessagesConversationHeaders": {
    "operationId": "getTelephonySipmessagesConversationHeaders",
    "method": "get",
    "path": "/api/v2/telephony/sipmessages/conversations/{conversationId}/headers",
    "summary": "Get SIP headers.",
    "permissions": {
      "type": "ALL",
      "permissions": [
        "telephony:pcap:view"
      ]
    },
    "visibility": "public",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "Callheader"
      }
    ]
  },
  "getTelephonySiptraces": {
    "operationId": "getTelephonySiptraces",
    "method": "get",
    "path": "/api/v2/telephony/siptraces",
    "summary": "Fetch SIP metadata",
    "permissions": {
      "type": "ALL",
      "permissions": [
        "telephony:pcap:view"
      ]
    },
    "visibility": "public",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "SipSearchResult"
      }
    ]
  },
  "postTelephonySiptracesDownload": {
    "operationId": "postTelephonySiptracesDownload",
    "method": "post",
    "path": "/api/v2/telephony/siptraces/download",
    "summary": "Request a download of a pcap file to S3",
    "permissions": {
      "type": "ALL",
      "permissions": [
        "telephony:pcap:add"
      ]
    },
    "visibility": "public",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "SipDownloadResponse"
      }
    ]
  },
  "getTelephonySiptracesDownloadDownloadId": {
    "operationId": "getTelephonySiptracesDownloadDownloadId",
    "method": "get",
    "path": "/api/v2/telephony/siptraces/download/{downloadId}",
    "summary": "Get signed S3 URL for a pcap download",
    "permissions": {
      "type": "ALL",
      "permissions": [
        "telephony:pcap:view"
      ]
    },
    "visibility": "public",
    "requiresToken": true,
    "success": [
      {
        "status": 200,
        "schema": "SignedUrlResponse"
      },
      {
        "status": 202,
        "schema": null
      }
    ]
  },
  "postTelephonyProvidersEdgesSiteSchedulereboot": {
    "operationId": "postTelephonyProvidersEdgesSiteSchedulereboot",
    "method": "post",
    "path": "/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot",
    "summary": "Schedule a job in the near future.",
    "permissions": {
      "type": "ANY",
      "permissions": [
        "internal:site:edit"
      ]
    },
    "visibility": "internal",
    "requiresToken": true,
    "success": [
      {
        "status": 202,
        "schema": null
      }
    ]
  }
} as const satisfies Record<keyof operations, OperationInfo>;
