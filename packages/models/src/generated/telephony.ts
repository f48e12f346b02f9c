// Generated from openapi/telephony.yaml by packages/models/scripts/generate.mjs.
// Do not edit: change the contract and run `pnpm generate`.

export interface paths {
    "/api/v2/telephony/mediaregions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the list of AWS regions media can stream through.
         * @description Retrieve the list of AWS regions media can stream through: the organization's home region,
         *     the core regions and the satellite regions.
         *
         *     Requires ANY permissions: `telephony:plugin:all`.
         */
        get: operations["getTelephonyMediaregions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/phone/{phoneId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GET phone address data
         * @description GET phone address data: the primary and secondary SIP registration targets (Edge, trunk
         *     base, registrar, port and transport) of a phone.
         *
         *     This operation is internal to the platform (`x-genesys-visibility: internal`): it is
         *     described, typed and emulated by telephony-kit, but it is not part of the public, supported
         *     API surface and may change without notice.
         *
         *     Requires ANY permissions: `telephony:plugin:all`.
         */
        get: operations["getTelephonyPhonePhoneIdSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/phonehome/phoneconfiguration/{hardwareId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GET phone configuration data
         * @description GET phone configuration data: the provisioning document a phone fetches when it "phones
         *     home", looked up by its hardware id (MAC address, or FQDN for softphones). The document is
         *     free-form JSON whose shape depends on the phone model.
         *
         *     This operation is internal to the platform (`x-genesys-visibility: internal`): it is
         *     described, typed and emulated by telephony-kit, but it is not part of the public, supported
         *     API surface and may change without notice.
         *
         *     Requires NO permissions and no access token: the operation overrides the global security
         *     requirement with an empty one (`security: []`).
         */
        get: operations["getTelephonyPhonehomePhoneconfigurationHardwareId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/sipmessages/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a SIP message.
         * @description Get the raw form of the SIP message
         *
         *     Requires ALL permissions: `telephony:pcap:view`.
         */
        get: operations["getTelephonySipmessagesConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/sipmessages/conversations/{conversationId}/headers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get SIP headers.
         * @description Get parsed SIP headers. Returns specific headers if key query parameters are added.
         *
         *     Requires ALL permissions: `telephony:pcap:view`.
         */
        get: operations["getTelephonySipmessagesConversationHeaders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/siptraces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fetch SIP metadata
         * @description Fetch SIP metadata that matches a given parameter. If exactMatch is passed as a parameter only sip records that have exactly that value will be returned. For example, some records contain conversationId but not all relevant records for that call may contain the conversationId so only a partial view of the call will be reflected
         *
         *     The result is a Homer 5 search envelope (`SipSearchResult`) whose `data` holds one
         *     `HomerRecord` per captured SIP message. SIP data exists only for calls that cross an
         *     external trunk.
         *
         *     Requires ALL permissions: `telephony:pcap:view`.
         */
        get: operations["getTelephonySiptraces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/siptraces/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a download of a pcap file to S3
         * @description Request a download of a pcap file to S3
         *
         *     Starts an asynchronous job that writes the PCAP of the SIP traffic matching the search to
         *     S3, and answers at once with the job's `downloadId` (200, as the official SDKs expect). Poll
         *     `GET /api/v2/telephony/siptraces/download/{downloadId}`
         *     (getTelephonySiptracesDownloadDownloadId) until it answers 200 with a signed `url`.
         *     PCAPs exist only for calls that cross an external trunk and are kept 21 days.
         *
         *     Requires ALL permissions: `telephony:pcap:add`.
         */
        post: operations["postTelephonySiptracesDownload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/siptraces/download/{downloadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get signed S3 URL for a pcap download
         * @description Get signed S3 URL for a pcap download
         *
         *     Asynchronous contract (telephony-kit): while the PCAP requested with
         *     `POST /api/v2/telephony/siptraces/download` is being prepared the operation answers **202**
         *     with no body and a `Retry-After` header (seconds to wait before polling again); once the
         *     file is ready it answers **200** with a `SignedUrlResponse` whose `url` is a signed S3 URL.
         *     What the platform answers before the file is ready is not documented, so a client also
         *     treats a 404 shortly after the request, or a 200 without `url`, as "not ready yet".
         *
         *     The signed URL is a bearer credential of its own: fetch it with a plain GET **without** the
         *     API token (never send the `Authorization` header to it), do not log or cache it, and call
         *     this operation again for a fresh URL rather than reusing an old one.
         *
         *     Requires ALL permissions: `telephony:pcap:view`.
         */
        get: operations["getTelephonySiptracesDownloadDownloadId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/telephony/providers/edges/sites/{siteId}/schedulereboot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Schedule a job in the near future.
         * @description Schedule a job in the near future: a reboot of the Edges of a site. The operation takes no
         *     body and answers 202 with no body once the reboot is scheduled; 409 (`conflict`) when a
         *     reboot of the site is already pending.
         *
         *     This operation is internal to the platform (`x-genesys-visibility: internal`): it is
         *     described, typed and emulated by telephony-kit, but it is not part of the public, supported
         *     API surface and may change without notice.
         *
         *     Requires ANY permissions: `internal:site:edit`.
         */
        post: operations["postTelephonyProvidersEdgesSiteSchedulereboot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The AWS regions media of the organization can stream through. */
        MediaRegions: {
            /** @description The AWS region of the organization's home (for example `us-east-1`). */
            awsHomeRegion?: string;
            /** @description The core AWS regions media can stream through. */
            awsCoreRegions?: string[];
            /** @description The satellite AWS regions media can stream through. */
            awsSatelliteRegions?: string[];
        };
        /** @description Phone address data; the primary and secondary SIP registration configurations of a phone. */
        PhoneAddressData: {
            /** @description Registration configurations the phone registers with first. */
            primary?: components["schemas"]["RegistrationConfiguration"][];
            /** @description Registration configurations the phone fails over to. */
            secondary?: components["schemas"]["RegistrationConfiguration"][];
        };
        /** @description One SIP registration target of a phone. */
        RegistrationConfiguration: {
            /** @description The phone trunk base settings used for the registration. */
            trunkBase?: components["schemas"]["DomainEntityRef"];
            /** @description The Edge the phone registers with. */
            edge?: components["schemas"]["DomainEntityRef"];
            /** @description Host name or IP address of the SIP registrar. */
            registrar?: string;
            /**
             * Format: int32
             * @description Port of the SIP registrar.
             */
            port?: number;
            /** @description SIP transport protocol of the registration (for example `UDP`, `TCP` or `TLS`). */
            transportProtocol?: string;
        };
        /** @description A reference to a platform entity. */
        DomainEntityRef: {
            /** @description The globally unique identifier for the object. */
            id?: string;
            /** @description The name of the entity. */
            name?: string;
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /** @description The raw form of the SIP message of a conversation. */
        Callmessage: {
            /** @description The globally unique identifier for the object. */
            id?: string;
            /** @description The name of the object. */
            name?: string;
            /** @description The raw SIP message text (start line, headers and body, lines separated by CRLF). */
            message?: string;
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /** @description The parsed SIP headers of the SIP message of a conversation. */
        Callheader: {
            /** @description The globally unique identifier for the object. */
            id?: string;
            /** @description The name of the object. */
            name?: string;
            /**
             * @description The parsed SIP headers, keyed by header identifier (for example `ruri`, `to`, `from`);
             *     each maps to the values of that header in order of appearance.
             */
            headers?: {
                [key: string]: string[];
            };
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /** @description The result of a SIP metadata search (a Homer 5 search envelope). */
        SipSearchResult: {
            /** @description The globally unique identifier for the object. */
            id?: string;
            /**
             * Format: int32
             * @description Status of the search request.
             */
            status?: number;
            /** @description Session id associated to the search request. */
            sid?: string;
            /** @description Auth token used for this search request. */
            auth?: string;
            /** @description Any messages returned from homer as part of the response. */
            message?: string;
            /** @description Homer search data that is returned; one record per captured SIP message. */
            data?: components["schemas"]["HomerRecord"][];
            /**
             * Format: int32
             * @description Number of records returned.
             */
            count?: number;
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /**
         * @description One captured SIP message (a Homer 5 record): metadata associated to the SIP calls. Every
         *     field is an optional string, numbers and timestamps included.
         */
        HomerRecord: {
            /** @description The globally unique identifier for the object. */
            id?: string;
            /** @description The name of the object. */
            name?: string;
            /**
             * Format: date-time
             * @description Capture date of the message. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss.SSSZ
             */
            date?: string;
            /** @description Capture timestamp in milliseconds since the Unix epoch, as a string (for example `1732612345123`). */
            milliTs?: string;
            /** @description Capture timestamp in microseconds since the Unix epoch, as a string (for example `1732612345123456`); orders the messages of a call. */
            microTs?: string;
            /** @description SIP method of a request (`INVITE`, `ACK`, `BYE`, ...), or the status code of a reply (`100`, `180`, `200`, ...). */
            method?: string;
            /** @description Reason phrase of a reply (`Trying`, `Ringing`, `OK`, ...); empty for requests. */
            replyReason?: string;
            /** @description Request-URI of a request. */
            ruri?: string;
            /** @description User part of the Request-URI. */
            ruriUser?: string;
            /** @description Domain part of the Request-URI. */
            ruriDomain?: string;
            /** @description User part of the From header. */
            fromUser?: string;
            /** @description Domain part of the From header. */
            fromDomain?: string;
            /** @description Tag parameter of the From header. */
            fromTag?: string;
            /** @description User part of the To header. */
            toUser?: string;
            /** @description Domain part of the To header. */
            toDomain?: string;
            /** @description Tag parameter of the To header. */
            toTag?: string;
            /** @description User part of the P-Asserted-Identity (or Remote-Party-ID) header. */
            pidUser?: string;
            /** @description User part of the Contact header. */
            contactUser?: string;
            /** @description User name of the Authorization or Proxy-Authorization header. */
            authUser?: string;
            /** @description Call-ID header of the message. */
            callid?: string;
            /** @description Call-ID of the related A-leg (X-CID header), when a B2BUA links two legs. */
            callidAleg?: string;
            /** @description The topmost Via header. */
            via1?: string;
            /** @description Branch parameter of the topmost Via header. */
            via1Branch?: string;
            /** @description CSeq header (sequence number and method). */
            cseq?: string;
            /** @description Diversion header. */
            diversion?: string;
            /** @description Reason header. */
            reason?: string;
            /** @description Content-Type header of the message body. */
            contentType?: string;
            /** @description Authorization header. */
            auth?: string;
            /** @description User-Agent (or Server) header. */
            userAgent?: string;
            /** @description Source IP address of the packet. */
            sourceIp?: string;
            /** @description Source port of the packet. */
            sourcePort?: string;
            /** @description Destination IP address of the packet. */
            destinationIp?: string;
            /** @description Destination port of the packet. */
            destinationPort?: string;
            /** @description Host of the Contact header. */
            contactIp?: string;
            /** @description Port of the Contact header. */
            contactPort?: string;
            /** @description IP address of the capture agent that originated the record. */
            originatorIp?: string;
            /** @description Port of the capture agent that originated the record. */
            originatorPort?: string;
            /** @description Correlation id that links the record to the other records of the call. */
            correlationId?: string;
            /** @description IP protocol number of the transport (`17` UDP, `6` TCP). */
            proto?: string;
            /** @description Address family (`2` IPv4, `10` IPv6). */
            family?: string;
            /** @description RTP statistics reported for the call, if any. */
            rtpStat?: string;
            /** @description Homer capture type of the record (`1` for SIP). */
            type?: string;
            /** @description Capture node (agent) that recorded the message. */
            node?: string;
            /** @description Homer transaction class of the record (`call`, `registration` or `rest`). */
            trans?: string;
            /** @description Homer database node that holds the record. */
            dbnode?: string;
            /** @description The raw SIP message (start line, headers and body, lines separated by CRLF). */
            msg?: string;
            /** @description Alias of the source address (for example the name of the carrier or Edge). */
            sourceAlias?: string;
            /** @description Alias of the destination address. */
            destinationAlias?: string;
            /** @description Id of the Genesys Cloud conversation the message belongs to, when known. */
            conversationId?: string;
            /** @description Id of the conversation participant the message belongs to, when known. */
            participantId?: string;
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /** @description A signed S3 URL to download a PCAP file. The URL is a bearer credential of its own. */
        SignedUrlResponse: {
            /** @description The globally unique identifier for the object (the download id). */
            id?: string;
            /** @description The name of the object. */
            name?: string;
            /**
             * Format: uri
             * @description Signed S3 URL of the PCAP file. It is a bearer credential of its own: fetch it without
             *     the API token, do not log or cache it; ask for a fresh one instead. Absent while the
             *     file is not ready.
             */
            url?: string;
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /** @description The PCAP download job that was started. */
        SipDownloadResponse: {
            /** @description Unique id of the PCAP download; poll it with getTelephonySiptracesDownloadDownloadId. */
            downloadId?: string;
            /** @description Id of the document that will hold the PCAP file. */
            documentId?: string;
        };
        /** @description A SIP search; the SIP traffic that matches it is written to a PCAP file. */
        SIPSearchPublicRequest: {
            /** @description The globally unique identifier for the object. */
            id?: string;
            /** @description The name of the object. */
            name?: string;
            /** @description unique identification of the placed call */
            callId?: string;
            /** @description SIP user to who the call was placed */
            toUser?: string;
            /** @description SIP user who placed the call */
            fromUser?: string;
            /** @description Unique identification of the conversation */
            conversationId?: string;
            /** @description Unique identification of the participant */
            participantId?: string;
            /**
             * Format: date-time
             * @description Start date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss.SSSZ
             */
            dateStart: string;
            /**
             * Format: date-time
             * @description End date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss.SSSZ
             */
            dateEnd: string;
            /**
             * Format: uri-reference
             * @description The URI for this object.
             */
            readonly selfUri?: string;
        };
        /** @description The JSON body of every platform error response. */
        ErrorBody: {
            /** @description Human-readable error message, with its parameters filled in. */
            message?: string;
            /** @description Machine-readable platform error code (for example `bad.request`, `not.found`, `too.many.requests`). */
            code?: string;
            /**
             * Format: int32
             * @description HTTP status code of the response.
             */
            status?: number;
            /** @description Id of the entity the error is about, if any. */
            entityId?: string;
            /** @description Name of the entity the error is about, if any. */
            entityName?: string;
            /** @description The error message with `{name}` placeholders for the values in `messageParams`. */
            messageWithParams?: string;
            /** @description Values of the placeholders of `messageWithParams`, by name. */
            messageParams?: {
                [key: string]: string;
            };
            /** @description Correlation id of the request (the `ININ-Correlation-Id` response header). */
            contextId?: string;
            /** @description Details of the error, such as the fields that failed validation. */
            details?: components["schemas"]["Detail"][];
            /** @description Nested errors, when the request failed for several reasons. */
            errors?: components["schemas"]["ErrorBody"][];
            /** @description The limit that was exceeded, on limit errors such as `too.many.requests`. */
            limit?: components["schemas"]["Limit"];
        };
        /** @description One detail of an error. */
        Detail: {
            /** @description Error code of this detail. */
            errorCode?: string;
            /** @description Name of the field the detail is about. */
            fieldName?: string;
            /** @description Id of the entity the detail is about. */
            entityId?: string;
            /** @description Name of the entity the detail is about. */
            entityName?: string;
        };
        /** @description A platform limit. */
        Limit: {
            /** @description Key of the limit (for example `token.rate.per.minute`). */
            key?: string;
            /** @description Namespace of the limit (for example `platform.api`). */
            namespace?: string;
            /**
             * Format: int64
             * @description Value of the limit.
             */
            value?: number;
        };
    };
    responses: {
        /**
         * @description 400 Bad Request: the request is malformed or a parameter is invalid. Platform error codes:
         *     `bad.request`, `invalid.date` (a date parameter or field is not an ISO-8601 date-time, or
         *     `dateEnd` precedes `dateStart`).
         */
        BadRequest: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 401 Unauthorized: no access token, or an invalid or expired one. Platform error codes:
         *     `authentication.required`, `bad.credentials`.
         */
        Unauthorized: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 403 Forbidden: the token lacks the permissions the operation requires
         *     (`x-inin-requires-permissions`). Platform error codes: `missing.permissions` (type ALL: one
         *     or more are missing), `missing.any.permissions` (type ANY: none of them is granted).
         */
        Forbidden: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 404 Not Found: the resource does not exist (or has expired: PCAPs are kept 21 days).
         *     Platform error code: `not.found`. Shortly after a PCAP download was requested, a 404 on its
         *     `downloadId` means "not ready yet".
         */
        NotFound: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 408 Request Timeout: the server did not receive the complete request in time. Platform
         *     error code: `request.timeout`.
         */
        RequestTimeout: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 409 Conflict: the request conflicts with the current state of the resource; for
         *     schedulereboot, a reboot of the site is already pending. Platform error code: `conflict`.
         */
        Conflict: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 413 Payload Too Large: the request body is over 512000 bytes. Platform error code:
         *     `request.entity.too.large`.
         */
        RequestEntityTooLarge: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 415 Unsupported Media Type: the request body is not `application/json` (or the
         *     `Content-Type` header is missing or wrong). Platform error code: `unsupported.media.type`.
         */
        UnsupportedMediaType: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 429 Too Many Requests: the token exceeded its rate limit (by default 300 requests per
         *     minute). Platform error code: `too.many.requests`; `limit` names the limit that was hit.
         *     Retry after `Retry-After` seconds (3 seconds when absent; give up when it asks for more
         *     than 3 minutes).
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 500 Internal Server Error: an unexpected error on the platform. Platform error code:
         *     `internal.server.error`.
         */
        InternalServerError: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 503 Service Unavailable: the service is temporarily overloaded or down for maintenance;
         *     retry with backoff. Platform error code: `service.unavailable`.
         */
        ServiceUnavailable: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /**
         * @description 504 Gateway Timeout: an upstream service did not answer in time; retry with backoff.
         *     Platform error code: `gateway.timeout`.
         */
        GatewayTimeout: {
            headers: {
                "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: {
        /**
         * @description Phone Identifier
         * @example 4a1a5e1c-9d3b-4b0e-8a51-2f7c6e0d9b13
         */
        phoneId: string;
        /**
         * @description Phone's physical address AKA MAC address or FQDN for softphones
         * @example 0004f2a1b2c3
         */
        hardwareId: string;
        /**
         * @description Conversation id
         * @example 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f
         */
        conversationId: string;
        /**
         * @description comma-separated list of header identifiers to query. e.g. ruri,to,from
         *
         *     telephony-kit sends the list as repeated parameters (`keys=ruri&keys=to&keys=from`, style
         *     form, explode true); servers also accept one comma-joined value (`keys=ruri,to,from`).
         *     Without `keys` every parsed header is returned.
         * @example [
         *       "ruri",
         *       "to",
         *       "from"
         *     ]
         */
        keys: string[];
        /**
         * @description Start date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z
         * @example 2024-11-26T09:00:00.000Z
         */
        dateStart: string;
        /**
         * @description End date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z
         * @example 2024-11-26T10:00:00.000Z
         */
        dateEnd: string;
        /**
         * @description unique identification of the placed call
         * @example 3c26700b2a5d4f8e9c1b0e7d6a5b4c3d@203.0.113.10
         */
        callId: string;
        /**
         * @description User to who the call was placed
         * @example +13175550100
         */
        toUser: string;
        /**
         * @description user who placed the call
         * @example +13175550199
         */
        fromUser: string;
        /**
         * @description Unique identification of the conversation
         * @example 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f
         */
        conversationIdQuery: string;
        /**
         * @description unique id for the downloaded file in S3
         * @example 9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59
         */
        downloadId: string;
        /**
         * @description Site ID
         * @example 2e8d4c6a-1b3f-4a5e-9c7d-8f0a1b2c3d4e
         */
        siteId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Correlation id of the request, sent on every response (success and error). It equals the
         *     `contextId` of an `ErrorBody`; quote it when contacting support.
         * @example 7c2e9a41-5b3d-4f6e-8a1c-0d9b2e4f6a8c
         */
        "ININ-Correlation-Id": string;
        /**
         * @description Number of requests counted against the rate limit of the token in the current window.
         * @example 42
         */
        "inin-ratelimit-count": number;
        /**
         * @description Number of requests allowed per window for the token (by default 300 per minute).
         * @example 300
         */
        "inin-ratelimit-allowed": number;
        /**
         * @description Seconds until the current rate-limit window resets.
         * @example 37
         */
        "inin-ratelimit-reset": number;
        /**
         * @description Seconds to wait before retrying (on 429) or polling again (on the 202 of the PCAP download).
         *     When absent on a 429, telephony-kit waits 3 seconds, and gives up when asked to wait more
         *     than 3 minutes.
         * @example 5
         */
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getTelephonyMediaregions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The AWS regions media can stream through. */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaRegions"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getTelephonyPhonePhoneIdSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Phone Identifier
                 * @example 4a1a5e1c-9d3b-4b0e-8a51-2f7c6e0d9b13
                 */
                phoneId: components["parameters"]["phoneId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registration configuration of the phone. */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PhoneAddressData"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getTelephonyPhonehomePhoneconfigurationHardwareId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Phone's physical address AKA MAC address or FQDN for softphones
                 * @example 0004f2a1b2c3
                 */
                hardwareId: components["parameters"]["hardwareId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The phone configuration document (free-form JSON object). */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getTelephonySipmessagesConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Conversation id
                 * @example 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f
                 */
                conversationId: components["parameters"]["conversationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The raw SIP message of the conversation. */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Callmessage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getTelephonySipmessagesConversationHeaders: {
        parameters: {
            query?: {
                /**
                 * @description comma-separated list of header identifiers to query. e.g. ruri,to,from
                 *
                 *     telephony-kit sends the list as repeated parameters (`keys=ruri&keys=to&keys=from`, style
                 *     form, explode true); servers also accept one comma-joined value (`keys=ruri,to,from`).
                 *     Without `keys` every parsed header is returned.
                 * @example [
                 *       "ruri",
                 *       "to",
                 *       "from"
                 *     ]
                 */
                keys?: components["parameters"]["keys"];
            };
            header?: never;
            path: {
                /**
                 * @description Conversation id
                 * @example 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f
                 */
                conversationId: components["parameters"]["conversationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The parsed SIP headers of the conversation's SIP message. */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Callheader"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getTelephonySiptraces: {
        parameters: {
            query: {
                /**
                 * @description Start date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z
                 * @example 2024-11-26T09:00:00.000Z
                 */
                dateStart: components["parameters"]["dateStart"];
                /**
                 * @description End date of the search. Date time is represented as an ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z
                 * @example 2024-11-26T10:00:00.000Z
                 */
                dateEnd: components["parameters"]["dateEnd"];
                /**
                 * @description unique identification of the placed call
                 * @example 3c26700b2a5d4f8e9c1b0e7d6a5b4c3d@203.0.113.10
                 */
                callId?: components["parameters"]["callId"];
                /**
                 * @description User to who the call was placed
                 * @example +13175550100
                 */
                toUser?: components["parameters"]["toUser"];
                /**
                 * @description user who placed the call
                 * @example +13175550199
                 */
                fromUser?: components["parameters"]["fromUser"];
                /**
                 * @description Unique identification of the conversation
                 * @example 6d1b2f4e-58a7-4c8e-9f0d-3b2a1c4d5e6f
                 */
                conversationId?: components["parameters"]["conversationIdQuery"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SIP records (Homer records) that match the search. */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SipSearchResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    postTelephonySiptracesDownload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The SIP search whose matching traffic is written to the PCAP file. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SIPSearchPublicRequest"];
            };
        };
        responses: {
            /** @description The PCAP job was accepted; poll its `downloadId`. */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SipDownloadResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getTelephonySiptracesDownloadDownloadId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description unique id for the downloaded file in S3
                 * @example 9f3c2b1a-7e6d-4c5b-8a9f-0e1d2c3b4a59
                 */
                downloadId: components["parameters"]["downloadId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PCAP file is ready; `url` is a signed S3 URL to fetch it (without the API token). */
            200: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedUrlResponse"];
                };
            };
            /** @description The PCAP file is still being prepared. No body. Poll again after `Retry-After` seconds. */
            202: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    postTelephonyProvidersEdgesSiteSchedulereboot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Site ID
                 * @example 2e8d4c6a-1b3f-4a5e-9c7d-8f0a1b2c3d4e
                 */
                siteId: components["parameters"]["siteId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reboot is scheduled. No body. */
            202: {
                headers: {
                    "ININ-Correlation-Id": components["headers"]["ININ-Correlation-Id"];
                    "inin-ratelimit-count": components["headers"]["inin-ratelimit-count"];
                    "inin-ratelimit-allowed": components["headers"]["inin-ratelimit-allowed"];
                    "inin-ratelimit-reset": components["headers"]["inin-ratelimit-reset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["RequestEntityTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
}
