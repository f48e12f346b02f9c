// Generated from openapi/telephony.yaml by packages/models/scripts/generate.mjs.
// Do not edit: change the contract and run `pnpm generate`.

import type { components } from './telephony';

/** The AWS regions media of the organization can stream through. */
export type MediaRegions = components['schemas']['MediaRegions'];
/** Phone address data; the primary and secondary SIP registration configurations of a phone. */
export type PhoneAddressData = components['schemas']['PhoneAddressData'];
/** One SIP registration target of a phone. */
export type RegistrationConfiguration = components['schemas']['RegistrationConfiguration'];
/** A reference to a platform entity. */
export type DomainEntityRef = components['schemas']['DomainEntityRef'];
/** The raw form of the SIP message of a conversation. */
export type Callmessage = components['schemas']['Callmessage'];
/** The parsed SIP headers of the SIP message of a conversation. */
export type Callheader = components['schemas']['Callheader'];
/** The result of a SIP metadata search (a Homer 5 search envelope). */
export type SipSearchResult = components['schemas']['SipSearchResult'];
/** One captured SIP message (a Homer 5 record): metadata associated to the SIP calls. Every */
export type HomerRecord = components['schemas']['HomerRecord'];
/** A signed S3 URL to download a PCAP file. The URL is a bearer credential of its own. */
export type SignedUrlResponse = components['schemas']['SignedUrlResponse'];
/** The PCAP download job that was started. */
export type SipDownloadResponse = components['schemas']['SipDownloadResponse'];
/** A SIP search; the SIP traffic that matches it is written to a PCAP file. */
export type SIPSearchPublicRequest = components['schemas']['SIPSearchPublicRequest'];
/** The JSON body of every platform error response. */
export type ErrorBody = components['schemas']['ErrorBody'];
/** One detail of an error. */
export type Detail = components['schemas']['Detail'];
/** A platform limit. */
export type Limit = components['schemas']['Limit'];
