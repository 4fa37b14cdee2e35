// The OpenAPI 3.1 description of every route, status and schema. The routes test checks that it
// lists exactly the routes the application registers.
import Foundation

enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(json.utf8)

    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "SpineBoard API",
  "version": "1.0.0",
  "description": "Decision support for metastatic spinal tumours. Decision support only: SpineBoard does not replace clinical judgment. Request bodies with a member the schema does not list are refused with 422 (type urn:spineboard:problem:unknown-field), each unknown member named in errors[].",
  "license": {
   "name": "See the repository"
  }
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "tags": [
  {
   "name": "service"
  },
  {
   "name": "session"
  },
  {
   "name": "cases"
  },
  {
   "name": "users"
  },
  {
   "name": "audit"
  },
  {
   "name": "team",
   "description": "The care team of a case, invitations by role, specialist reviews, consensus decisions, tasks, follow-up visits, treatments delivered and the spine over time. Every route on a case is limited to the care team (403, audited) and audits the access."
  },
  {
   "name": "meetings",
   "description": "Tumour-board meetings and their agendas. Emergencies are not to wait for a meeting (NICE NG234: definitive decision within 24 h)."
  },
  {
   "name": "reports",
   "description": "Departures from the top-ranked option and the urgency clock's deadlines met, over the cases the signed-in user may see."
  }
 ],
 "paths": {
  "/": {
   "get": {
    "operationId": "landingPage",
    "summary": "A short landing page",
    "tags": [
     "service"
    ],
    "responses": {
     "200": {
      "description": "HTML page",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/health": {
   "get": {
    "operationId": "health",
    "summary": "Service and database health",
    "tags": [
     "service"
    ],
    "responses": {
     "200": {
      "description": "Up, database reachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     },
     "503": {
      "description": "Database unreachable",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Health"
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/openapi.json": {
   "get": {
    "operationId": "openapi",
    "summary": "This document",
    "tags": [
     "service"
    ],
    "responses": {
     "200": {
      "description": "OpenAPI 3.1 document",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    },
    "security": []
   }
  },
  "/api/v1/session": {
   "post": {
    "operationId": "createSession",
    "summary": "Sign in: a bearer token for a username and password",
    "tags": [
     "session"
    ],
    "responses": {
     "200": {
      "description": "Signed in",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SessionToken"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     },
     "429": {
      "description": "Too many failed logins for this username; see Retry-After",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "A wrong username and a wrong password give the same 401 after the same work. Failed attempts per username are limited (429 with Retry-After). Every attempt is audited.",
    "security": [],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Credentials"
       }
      }
     }
    }
   },
   "get": {
    "operationId": "currentSession",
    "summary": "The signed-in user",
    "tags": [
     "session"
    ],
    "responses": {
     "200": {
      "description": "The user",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     }
    }
   },
   "delete": {
    "operationId": "deleteSession",
    "summary": "Sign out: revoke this token",
    "tags": [
     "session"
    ],
    "responses": {
     "204": {
      "description": "Signed out"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     }
    }
   }
  },
  "/api/v1/patients": {
   "get": {
    "operationId": "worklist",
    "summary": "The worklist: each patient's newest assessment",
    "tags": [
     "cases"
    ],
    "responses": {
     "200": {
      "description": "A page of the worklist",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/WorklistPage"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbidden"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    },
    "description": "Sorted emergency → urgent → routine, then by nearest deadline. Filters: urgency, q (name or record number, case-insensitive substring). overdue lists the open tasks past their deadline on the cases the user may see (the same on every page); each item gives its openTasks and, after neurological deterioration at follow-up, escalation. Only the cases the user may see: those whose care team they are on or that are on the agenda of a meeting they attend (all for administrators).",
    "parameters": [
     {
      "name": "urgency",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "emergency",
        "urgent",
        "routine"
       ]
      }
     },
     {
      "name": "q",
      "in": "query",
      "schema": {
       "type": "string",
       "maxLength": 200
      }
     },
     {
      "name": "page",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "default": 1
      }
     },
     {
      "name": "perPage",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 200,
       "default": 50
      }
     }
    ]
   }
  },
  "/api/v1/cases": {
   "post": {
    "operationId": "createCase",
    "summary": "Store a new case (version 1) and its assessment",
    "tags": [
     "cases"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CaseWritten"
        }
       }
      },
      "headers": {
       "Location": {
        "description": "URL of the new resource",
        "schema": {
         "type": "string"
        }
       },
       "ETag": {
        "description": "The case version, e.g. \"v3\"; send it back in If-Match",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbidden"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    },
    "description": "409 when the patient (patient.id) already has a case: caseId and Location name it. The author joins the case's care team; the assessment's referrals and a non-routine urgency become invitations by role (GET /api/v1/cases/{caseId}/team), and a red flag starts the urgency clock (its deadlines become tasks).",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CaseDocument"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}": {
   "get": {
    "operationId": "getCase",
    "summary": "The latest version of a case with its assessment",
    "tags": [
     "cases"
    ],
    "responses": {
     "200": {
      "description": "The case",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CaseRecord"
        }
       }
      },
      "headers": {
       "ETag": {
        "description": "The case version, e.g. \"v3\"; send it back in If-Match",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbiddenOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseOrVersionNotFound"
     }
    },
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   },
   "put": {
    "operationId": "updateCase",
    "summary": "Store a new version of a case (optimistic concurrency)",
    "tags": [
     "cases"
    ],
    "responses": {
     "200": {
      "description": "The new version",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CaseWritten"
        }
       }
      },
      "headers": {
       "ETag": {
        "description": "The case version, e.g. \"v3\"; send it back in If-Match",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbiddenOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseOrVersionNotFound"
     },
     "412": {
      "description": "If-Match does not name the current version: nothing was written",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     },
     "428": {
      "description": "If-Match is missing (or '*')",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "If-Match must carry the current ETag: a stale one gets 412 and nothing is written; a missing one (or '*') gets 428. patient.id cannot change (422).",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "If-Match",
      "in": "header",
      "required": true,
      "schema": {
       "type": "string"
      },
      "description": "The ETag of the version this change is based on"
     },
     {
      "name": "neurologyExamined",
      "in": "query",
      "required": false,
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false"
       ]
      },
      "description": "true: the neurology in this version was examined anew, even if unchanged. A neurological deterioration recorded at follow-up keeps the case an emergency until a version records the neurology anew: changed findings, or this flag"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CaseDocument"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}/versions": {
   "get": {
    "operationId": "listCaseVersions",
    "summary": "Every version of a case (without documents)",
    "tags": [
     "cases"
    ],
    "responses": {
     "200": {
      "description": "The versions",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/VersionList"
        }
       }
      },
      "headers": {
       "ETag": {
        "description": "The case version, e.g. \"v3\"; send it back in If-Match",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbiddenOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseOrVersionNotFound"
     }
    },
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/cases/{caseId}/versions/{version}": {
   "get": {
    "operationId": "getCaseVersion",
    "summary": "One version of a case, with the assessment made from it",
    "tags": [
     "cases"
    ],
    "responses": {
     "200": {
      "description": "The version",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CaseVersion"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbiddenOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseOrVersionNotFound"
     }
    },
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "version",
      "in": "path",
      "required": true,
      "schema": {
       "type": "integer",
       "minimum": 1
      }
     }
    ]
   }
  },
  "/api/v1/assess": {
   "post": {
    "operationId": "assess",
    "summary": "Assess a case without storing it",
    "tags": [
     "cases"
    ],
    "responses": {
     "200": {
      "description": "The assessment",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Assessment"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbidden"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CaseDocument"
       }
      }
     }
    }
   }
  },
  "/api/v1/users": {
   "get": {
    "operationId": "listUsers",
    "summary": "All user accounts (admin)",
    "tags": [
     "users"
    ],
    "responses": {
     "200": {
      "description": "The users",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/UserList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbidden"
     }
    }
   },
   "post": {
    "operationId": "createUser",
    "summary": "Create a user account (admin)",
    "tags": [
     "users"
    ],
    "responses": {
     "201": {
      "description": "Created",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/User"
        }
       }
      },
      "headers": {
       "Location": {
        "description": "URL of the new resource",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbidden"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/NewUser"
       }
      }
     }
    }
   }
  },
  "/api/v1/audit": {
   "get": {
    "operationId": "listAuditEvents",
    "summary": "Audit events, oldest first (admin)",
    "tags": [
     "audit"
    ],
    "responses": {
     "200": {
      "description": "A page of events",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AuditPage"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/RoleForbidden"
     },
     "422": {
      "$ref": "#/components/responses/Invalid"
     }
    },
    "parameters": [
     {
      "name": "patient",
      "in": "query",
      "schema": {
       "type": "string"
      },
      "description": "A patient record number (the case document's patient.id)"
     },
     {
      "name": "page",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "default": 1
      }
     },
     {
      "name": "perPage",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 500,
       "default": 100
      }
     }
    ]
   }
  },
  "/api/v1/cases/{caseId}/team": {
   "get": {
    "operationId": "getCareTeam",
    "summary": "The care team of a case: members and open invitations by role",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "The care team",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TeamView"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "Members see the case; an invitation (a role asked for by a referral, an urgency level or a member) does not until a person of that role accepts it (POST .../team/join) or is added. Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   },
   "post": {
    "operationId": "addCareTeamMember",
    "summary": "Add a person to the care team, or invite a role",
    "tags": [
     "team"
    ],
    "responses": {
     "201": {
      "description": "The new (or existing) care-team entry: a member, or an open invitation",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TeamMemberView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     },
     "409": {
      "description": "The team already has a member or an open invitation of that role (type urn:spineboard:problem:role-on-team)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "Neither or both of username and role; no such user; an administrator; role not a clinical role; reason over 500 characters. errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Any care-team member, and administrators, may. Give exactly one of username (add that person; an open invitation for their role becomes their membership; a person already on the team is returned unchanged) or role (invite the role: anyone of that role sees the invitation in GET /api/v1/invitations and may accept it). Audited, in the same transaction.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TeamMemberInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}/team/join": {
   "post": {
    "operationId": "joinCareTeam",
    "summary": "Accept the case's open invitation for your role",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "You are a member",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TeamMemberView"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "description": "No open invitation for your role on this case (type urn:spineboard:problem:no-invitation), or the administrator role (audited)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "The user is not yet on the team, so the invitation itself is the permission: without one, ask a care-team member to add you. No body. Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/cases/{caseId}/team/{memberId}": {
   "delete": {
    "operationId": "removeCareTeamMember",
    "summary": "Remove a member, or withdraw an open invitation",
    "tags": [
     "team"
    ],
    "responses": {
     "204": {
      "description": "Removed"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "description": "No such case, or no such care-team entry on this case",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "The entry is the case's last member: a case always has at least one (type urn:spineboard:problem:last-member); add the next one first",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Any care-team member, and administrators, may. Audited, in the same transaction.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "memberId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      },
      "description": "The id of the entry (TeamMemberView.id)"
     }
    ]
   }
  },
  "/api/v1/invitations": {
   "get": {
    "operationId": "listInvitations",
    "summary": "Open invitations for the signed-in user's role",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Invitations, emergencies first, then urgent, then oldest first (at most 500)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/InvitationList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminForbidden"
     }
    },
    "description": "The cases that ask for the user's role. Accept one with POST /api/v1/cases/{caseId}/team/join. Audited (the count only)."
   }
  },
  "/api/v1/cases/{caseId}/schedule": {
   "post": {
    "operationId": "scheduleCase",
    "summary": "Put a case on a tumour board's agenda",
    "tags": [
     "meetings"
    ],
    "responses": {
     "201": {
      "description": "On the agenda",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ScheduledCase"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     },
     "409": {
      "description": "The case is already on that meeting's agenda, or (for \"ad-hoc\") still pending on a planned meeting that can take it (type urn:spineboard:problem:already-on-agenda; an emergency whose planned meeting is over 24 h away may still go ad hoc)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "meeting is not a meeting id, \"next\" or \"ad-hoc\"; no such meeting; no planned meeting chaired or attended by a member of the case's care team is coming up (for \"next\"); the meeting is closed. errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "meeting: a meeting id, \"next\" (the next planned meeting from now that a member of the case's care team chairs) or \"ad-hoc\" (a meeting now, chaired by the user, with the case's care-team members attending). Only the case's care-team members and administrators schedule it (403 otherwise): every attendee of the meeting then sees the case, until 14 days after the meeting. An emergency case is scheduled all the same but the answer carries a warning: it is not to wait for the meeting (NICE NG234: definitive decision within 24 h). Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ScheduleInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/meetings": {
   "get": {
    "operationId": "listMeetings",
    "summary": "Upcoming and recent tumour-board meetings (no patient data)",
    "tags": [
     "meetings"
    ],
    "responses": {
     "200": {
      "description": "Meetings from 30 days ago on, soonest first (at most 200)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MeetingList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     }
    },
    "description": "Titles, dates, chairs and counts only: the agenda (which names patients) is in GET /api/v1/meetings/{meetingId}, for attendees."
   },
   "post": {
    "operationId": "createMeeting",
    "summary": "Create a tumour-board meeting, chaired by the user",
    "tags": [
     "meetings"
    ],
    "responses": {
     "201": {
      "description": "The meeting",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MeetingDetail"
        }
       }
      },
      "headers": {
       "Location": {
        "description": "URL of the new resource",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminForbidden"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "title not 1–200 characters; startsAt not an ISO 8601 date-time with a zone, not a real date and time (2026-02-30 is refused, not moved), or more than 1 year before or 2 years after now; title with control characters; attendees over 50 or naming no user (attendees[i]). errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "The chair attends. The attendees see the cases put on the agenda. Audited.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/MeetingInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/meetings/{meetingId}": {
   "get": {
    "operationId": "getMeeting",
    "summary": "A meeting with its attendees and agenda",
    "tags": [
     "meetings"
    ],
    "responses": {
     "200": {
      "description": "The meeting",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MeetingDetail"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "description": "Only the meeting's attendees and administrators see its agenda (it names patients); ask the chair to add you. Audited.",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/MeetingNotFound"
     }
    },
    "description": "rolesMissing names the core roles (spine surgery, radiation oncology, medical oncology, diagnostic radiology) no attendee has. Audited.",
    "parameters": [
     {
      "name": "meetingId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/meetings/{meetingId}/attendees": {
   "post": {
    "operationId": "addMeetingAttendee",
    "summary": "Add an attendee to a meeting",
    "tags": [
     "meetings"
    ],
    "responses": {
     "200": {
      "description": "The meeting",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MeetingDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "description": "Only the meeting's chair adds attendees (attendees see every case on the agenda); the administrator role may not (audited)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/MeetingNotFound"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "No such user, or an administrator (who does not attend tumour boards). errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "The new attendee sees every case on the meeting's agenda. Adding someone who already attends changes nothing. Audited.",
    "parameters": [
     {
      "name": "meetingId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AttendeeInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/meetings/{meetingId}/agenda": {
   "post": {
    "operationId": "addToAgenda",
    "summary": "Put a case on this meeting's agenda",
    "tags": [
     "meetings"
    ],
    "responses": {
     "201": {
      "description": "The meeting with its agenda",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MeetingDetail"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "description": "The administrator role, a user who is neither the meeting's chair nor an attendee (the reply lists the whole agenda), or a user not on the case's care team (type urn:spineboard:problem:not-on-care-team; audited with the patient's record)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "No such meeting, or no such case (caseId in the body)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "The case is already on the agenda (type urn:spineboard:problem:already-on-agenda)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "caseId missing, or the meeting is closed. errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "The same as POST /api/v1/cases/{caseId}/schedule with this meeting's id. Every attendee of the meeting then sees the case. Audited.",
    "parameters": [
     {
      "name": "meetingId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AgendaInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}/reviews": {
   "get": {
    "operationId": "listReviews",
    "summary": "Specialist reviews of a case",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Reviews, oldest first",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ReviewList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "Each author's newest revision; all=true gives every revision. Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "name": "all",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false"
       ],
       "default": "false"
      },
      "description": "true: every revision of every author, not only each author's newest"
     }
    ]
   },
   "post": {
    "operationId": "addReview",
    "summary": "Record a specialist review (a new revision of the author's review)",
    "tags": [
     "team"
    ],
    "responses": {
     "201": {
      "description": "The review; newCaseVersion is set when its corrections made a new case version",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ReviewView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     },
     "409": {
      "description": "The review corrects the case (lesions or expectedSurvivalMonths) but caseVersion is not the current version, or the case changed while the review was saved (type urn:spineboard:problem:stale-version; ETag names the current version): read the case again. Nothing was written.",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "A field the author's role may not set, a value out of range or not in its list, caseVersion beyond the current version, a lesion correction whose levels match no lesion of the current version, or a corrected case that is not valid (type urn:spineboard:problem:invalid-review or invalid-case). errors[] gives every field path at once",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Which structured fields a review may carry depends on the author's role (besides caseVersion and text, which every role may send): diagnostic-radiologist: levelsConfirmed, lesions; spine-surgeon: operability, instabilityAgreed, proposedOption; radiation-oncologist: proposedRegimen, priorRadiationNoted; medical-oncologist: systemicPlan, expectedSurvivalMonths; interventional-radiologist: embolizationAdvised, cementAugmentationCandidate; physiatrist: rehabilitationPlan, bracing; palliative-care: goalsOfCare; nurse-navigator and referring-clinician: text only. A diagnostic radiologist's lesion corrections and a medical oncologist's expectedSurvivalMonths are inputs of the assessment: when they change the case they are stored as a new case version (and a new assessment), in the same transaction as the review, and the review must name the current version (409 otherwise). Review and version are audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ReviewInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}/decisions": {
   "get": {
    "operationId": "listDecisions",
    "summary": "Consensus decisions on a case",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Decisions, oldest first",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DecisionList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   },
   "post": {
    "operationId": "recordDecision",
    "summary": "Record the board's consensus decision",
    "tags": [
     "team"
    ],
    "responses": {
     "201": {
      "description": "The decision",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DecisionView"
        }
       }
      },
      "headers": {
       "Location": {
        "description": "URL of the new resource",
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "description": "No such case, or no assessment of caseVersion",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "caseVersion is not the current version (type urn:spineboard:problem:stale-version, with the current ETag: reload and decide on the new findings), or the same decision (version, options with regimens, goals, meeting) was already recorded (type urn:spineboard:problem:duplicate-decision)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "Not valid (type urn:spineboard:problem:invalid-decision): options empty, over 10, repeated or not option codes; goals not goal codes or repeated; patientPreferences blank; a dissent without its reason or naming no user; meetingId not a meeting the case is on the agenda of; caseVersion beyond the current version; departureReason missing when the main option departs from the top-ranked one or when the patient declined a chosen option. errors[] gives every field path at once",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Tied to caseVersion and to the assessment SpineBoard showed for it. The first option is the main one: when it is not SpineBoard's top-ranked option (the first option not declined that is not an adjunct — dexamethasone, analgesia, bracing, bone-modifying-agent — in that assessment), departureReason is required; departures are kept and reported (GET /api/v1/reports/departures). Choosing an option the patient declined also needs departureReason. patientPreferences (how the patient's preferences were taken into account) is required. Goals and regimens left out are taken from the assessment's options. With meetingId, the case's agenda item there becomes decided. The decision's follow-through becomes tasks (GET .../tasks). Audited, in the same transaction.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/DecisionInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/decisions/{decisionId}": {
   "get": {
    "operationId": "getDecision",
    "summary": "A decision with exactly what it rested on",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "The decision, the case version and the assessment as shown",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DecisionRecord"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "description": "No such decision (or its assessment snapshot is missing)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "The case document of the version the decision names and the assessment snapshot it was made on, embedded as stored. Audited.",
    "parameters": [
     {
      "name": "decisionId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/cases/{caseId}/tasks": {
   "get": {
    "operationId": "listCaseTasks",
    "summary": "Every task on a case (open and closed)",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Tasks, soonest due first",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TaskList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "Urgency-clock tasks (code clock.*; the NICE NG234 / QS56 deadlines from the moment the red flag was recorded) and a decision's follow-through (code decision.*). Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/tasks": {
   "get": {
    "operationId": "listMyTasks",
    "summary": "My open tasks: for my role or assigned to me",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Open tasks, soonest due first (at most 500)",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TaskList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminForbidden"
     }
    },
    "description": "On the cases the user may see. Audited (the count only)."
   }
  },
  "/api/v1/tasks/{taskId}/complete": {
   "post": {
    "operationId": "completeTask",
    "summary": "Mark a task done",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "The task; metDeadline tells whether it was done by dueAt",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TaskView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/TaskNotFound"
     },
     "409": {
      "$ref": "#/components/responses/TaskClosed"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "description": "A body was sent that is not application/json (the body is optional)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "A body was sent whose fields have the wrong type. errors[] gives the field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "No body needed. Any care-team member may complete it. Audited, in the same transaction.",
    "parameters": [
     {
      "name": "taskId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/tasks/{taskId}/cancel": {
   "post": {
    "operationId": "cancelTask",
    "summary": "Cancel a task, with the reason",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "The task",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TaskView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/TaskNotFound"
     },
     "409": {
      "$ref": "#/components/responses/TaskClosed"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "reason missing, blank or over 500 characters. errors[] gives the field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "The reason is kept in completedBy. Audited, in the same transaction.",
    "parameters": [
     {
      "name": "taskId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TaskChangeInput"
       }
      }
     },
     "description": "reason (1–500 characters) is required"
    }
   }
  },
  "/api/v1/tasks/{taskId}/assign": {
   "post": {
    "operationId": "assignTask",
    "summary": "Assign a task to a person",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "The task",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TaskView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/TaskNotFound"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "username missing or naming no user. errors[] gives the field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "The task stays visible to its role too. The assignee sees it in GET /api/v1/tasks only on the cases they may see: add them to the care team first. Audited, in the same transaction.",
    "parameters": [
     {
      "name": "taskId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TaskChangeInput"
       }
      }
     },
     "description": "username is required"
    }
   }
  },
  "/api/v1/cases/{caseId}/follow-ups": {
   "get": {
    "operationId": "listFollowUps",
    "summary": "Follow-up visits of a case",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Visits by visit date",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/FollowUpList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   },
   "post": {
    "operationId": "recordFollowUp",
    "summary": "Record a follow-up visit",
    "tags": [
     "team"
    ],
    "responses": {
     "201": {
      "description": "The visit; worsening is set when the neurology is worse than at the last record",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/FollowUpView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "Not valid (type urn:spineboard:problem:invalid-follow-up): a date in the future or not YYYY-MM-DD, a value out of range, or no finding at all (path \"\"). errors[] gives every field path at once",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Record at least one finding. Neurology (Frankel, else ASIA, and ambulation) worse than at the last record (the previous visit, else the current case version) makes the case an emergency again (escalation on the worklist), starts a new urgency clock and invites the nurse navigator (MSCC coordinator, NICE NG234); the team then records a new case version after examining the patient. Audited, in the same transaction.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/FollowUpInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}/treatments": {
   "get": {
    "operationId": "listTreatments",
    "summary": "Treatments delivered on a case",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Treatments by date given",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TreatmentList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   },
   "post": {
    "operationId": "recordTreatment",
    "summary": "Record a treatment delivered",
    "tags": [
     "team"
    ],
    "responses": {
     "201": {
      "description": "The treatment, with the EQD2 of a radiotherapy course",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TreatmentView"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/MalformedBody"
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/AdminOrNotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     },
     "413": {
      "$ref": "#/components/responses/BodyTooLarge"
     },
     "415": {
      "$ref": "#/components/responses/NotJSON"
     },
     "422": {
      "description": "Not valid (type urn:spineboard:problem:invalid-treatment): kind not in the list, levels empty/over 24/not level codes, givenOn in the future, a radiotherapy course without doseGy and fractions or another kind with them. errors[] gives every field path at once",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Radiotherapy courses count in the spine's cumulative dose (GET .../spine). Audited, in the same transaction.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TreatmentInput"
       }
      }
     }
    }
   }
  },
  "/api/v1/cases/{caseId}/spine": {
   "get": {
    "operationId": "getSpineHistory",
    "summary": "The spine over time, level by level",
    "tags": [
     "team"
    ],
    "responses": {
     "200": {
      "description": "Per level",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/SpineHistoryView"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "403": {
      "$ref": "#/components/responses/NotOnCareTeam"
     },
     "404": {
      "$ref": "#/components/responses/CaseNotFound"
     }
    },
    "description": "What every case version recorded at each level (the lesion's SINS from the stored assessment, ESCC, collapse, prior radiation), the treatments delivered there, and the radiation it has had with the cumulative physical dose and the cumulative EQD2 for the spinal cord (α/β = 2 Gy) of the prescriptions — not the cord dose of a plan, which a planning system gives. A course seen twice (same dose, fractions and date) counts once. Audited.",
    "parameters": [
     {
      "name": "caseId",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     }
    ]
   }
  },
  "/api/v1/reports/departures": {
   "get": {
    "operationId": "departureReport",
    "summary": "Decisions that departed from SpineBoard's top-ranked option",
    "tags": [
     "reports"
    ],
    "responses": {
     "200": {
      "description": "The report",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DepartureReport"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "422": {
      "$ref": "#/components/responses/InvalidPeriod"
     }
    },
    "description": "Decisions made in the period on the cases the user may see (all for administrators), and those whose main option was not the top-ranked one, with the reason given: how the rules get better. Audited.",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date"
      },
      "description": "First day (YYYY-MM-DD); default 90 days before to"
     },
     {
      "name": "to",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date"
      },
      "description": "Last day, inclusive (YYYY-MM-DD); default today"
     }
    ]
   }
  },
  "/api/v1/reports/urgency-clock": {
   "get": {
    "operationId": "urgencyClockReport",
    "summary": "How often the urgency clock's deadlines were met",
    "tags": [
     "reports"
    ],
    "responses": {
     "200": {
      "description": "The report",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ClockReport"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthenticated"
     },
     "422": {
      "$ref": "#/components/responses/InvalidPeriod"
     }
    },
    "description": "Clock tasks of the clocks started in the period, on the cases the user may see, per deadline code. Audited.",
    "parameters": [
     {
      "name": "from",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date"
      },
      "description": "First day (YYYY-MM-DD); default 90 days before to"
     },
     {
      "name": "to",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date"
      },
      "description": "Last day, inclusive (YYYY-MM-DD); default today"
     }
    ]
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "A token from POST /api/v1/session"
   }
  },
  "schemas": {
   "Problem": {
    "type": "object",
    "properties": {
     "type": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "detail": {
      "type": "string"
     },
     "instance": {
      "type": "string"
     },
     "requestId": {
      "type": "string"
     },
     "errors": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/FieldError"
      }
     },
     "caseId": {
      "type": "string",
      "format": "uuid",
      "description": "409 on POST /cases: the patient's existing case"
     }
    },
    "required": [
     "type",
     "title",
     "status"
    ],
    "additionalProperties": false,
    "description": "RFC 9457 problem details"
   },
   "FieldError": {
    "type": "object",
    "properties": {
     "path": {
      "type": "string",
      "description": "e.g. spine.lesions[0].escc; empty for the whole body"
     },
     "message": {
      "type": "string"
     }
    },
    "required": [
     "path",
     "message"
    ],
    "additionalProperties": false
   },
   "Health": {
    "type": "object",
    "properties": {
     "status": {
      "type": "string",
      "enum": [
       "ok",
       "degraded"
      ]
     },
     "database": {
      "type": "string",
      "enum": [
       "reachable",
       "unreachable"
      ]
     },
     "rulesVersion": {
      "type": "string"
     }
    },
    "required": [
     "status",
     "database",
     "rulesVersion"
    ],
    "additionalProperties": false
   },
   "Credentials": {
    "type": "object",
    "properties": {
     "username": {
      "type": "string"
     },
     "password": {
      "type": "string"
     }
    },
    "required": [
     "username",
     "password"
    ],
    "additionalProperties": false
   },
   "SessionToken": {
    "type": "object",
    "properties": {
     "token": {
      "type": "string"
     },
     "expiresAt": {
      "type": "string",
      "format": "date-time"
     },
     "user": {
      "$ref": "#/components/schemas/User"
     }
    },
    "required": [
     "token",
     "expiresAt",
     "user"
    ],
    "additionalProperties": false
   },
   "Role": {
    "type": "string",
    "enum": [
     "spine-surgeon",
     "radiation-oncologist",
     "medical-oncologist",
     "diagnostic-radiologist",
     "interventional-radiologist",
     "physiatrist",
     "palliative-care",
     "nurse-navigator",
     "referring-clinician",
     "admin"
    ]
   },
   "User": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "username": {
      "type": "string"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "id",
     "username",
     "role"
    ],
    "additionalProperties": false
   },
   "NewUser": {
    "type": "object",
    "properties": {
     "username": {
      "type": "string",
      "pattern": "^[a-z0-9._-]{2,64}$"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "password": {
      "type": "string",
      "minLength": 10,
      "maxLength": 72
     }
    },
    "required": [
     "username",
     "role",
     "password"
    ],
    "additionalProperties": false
   },
   "UserList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/User"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "CaseDocument": {
    "type": "object",
    "properties": {
     "schemaVersion": {
      "const": 1
     },
     "patient": {
      "type": "object",
      "properties": {
       "id": {
        "type": "string",
        "minLength": 1,
        "maxLength": 64
       },
       "name": {
        "oneOf": [
         {
          "type": "string",
          "maxLength": 200
         },
         {
          "type": "null"
         }
        ]
       },
       "birthDate": {
        "oneOf": [
         {
          "type": "string",
          "format": "date"
         },
         {
          "type": "null"
         }
        ]
       },
       "sex": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "female",
           "male",
           "other",
           "unknown"
          ]
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "required": [
       "id"
      ],
      "additionalProperties": false,
      "description": "Identifying data: protected health information"
     },
     "assessedOn": {
      "oneOf": [
       {
        "type": "string",
        "format": "date"
       },
       {
        "type": "null"
       }
      ]
     },
     "primaryTumor": {
      "type": "object",
      "properties": {
       "histology": {
        "type": "string",
        "description": "A code from the histology catalogue (spineboard rules)"
       },
       "detail": {
        "oneOf": [
         {
          "type": "string"
         },
         {
          "type": "null"
         }
        ]
       },
       "diagnosedOn": {
        "oneOf": [
         {
          "type": "string",
          "format": "date"
         },
         {
          "type": "null"
         }
        ]
       },
       "monthsFromDiagnosisToSpinalMetastasis": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0
         },
         {
          "type": "null"
         }
        ]
       },
       "radiosensitivity": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "sensitive",
           "resistant"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "tomitaGrowth": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "slow",
           "moderate",
           "rapid"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "status": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "newly-diagnosed",
           "responding",
           "stable",
           "progressing",
           "unknown"
          ]
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "required": [
       "histology"
      ],
      "additionalProperties": false
     },
     "spine": {
      "type": "object",
      "properties": {
       "involvedLevels": {
        "type": "array",
        "items": {
         "type": "string",
         "pattern": "^(C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$"
        }
       },
       "lesions": {
        "type": "array",
        "items": {
         "type": "object",
         "properties": {
          "levels": {
           "type": "array",
           "items": {
            "type": "string",
            "pattern": "^(C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$"
           }
          },
          "pain": {
           "oneOf": [
            {
             "type": "string",
             "enum": [
              "mechanical",
              "occasional",
              "none"
             ]
            },
            {
             "type": "null"
            }
           ]
          },
          "boneLesion": {
           "oneOf": [
            {
             "type": "string",
             "enum": [
              "lytic",
              "mixed",
              "blastic"
             ]
            },
            {
             "type": "null"
            }
           ]
          },
          "alignment": {
           "oneOf": [
            {
             "type": "string",
             "enum": [
              "subluxation",
              "deformity",
              "normal"
             ]
            },
            {
             "type": "null"
            }
           ]
          },
          "collapse": {
           "oneOf": [
            {
             "type": "string",
             "enum": [
              "over50",
              "under50",
              "noCollapseOver50Involved",
              "none"
             ]
            },
            {
             "type": "null"
            }
           ]
          },
          "posterolateral": {
           "oneOf": [
            {
             "type": "string",
             "enum": [
              "bilateral",
              "unilateral",
              "none"
             ]
            },
            {
             "type": "null"
            }
           ]
          },
          "escc": {
           "oneOf": [
            {
             "type": "string",
             "enum": [
              "0",
              "1a",
              "1b",
              "1c",
              "2",
              "3"
             ]
            },
            {
             "type": "null"
            }
           ]
          },
          "bonyRetropulsion": {
           "oneOf": [
            {
             "type": "boolean"
            },
            {
             "type": "null"
            }
           ]
          },
          "priorRadiation": {
           "oneOf": [
            {
             "type": "object",
             "properties": {
              "doseGy": {
               "type": "number"
              },
              "fractions": {
               "type": "integer"
              },
              "on": {
               "type": "string",
               "format": "date"
              }
             },
             "additionalProperties": false
            },
            {
             "type": "null"
            }
           ]
          }
         },
         "required": [
          "levels"
         ],
         "additionalProperties": false
        },
        "minItems": 1
       }
      },
      "required": [
       "involvedLevels",
       "lesions"
      ],
      "additionalProperties": false
     },
     "otherMetastases": {
      "type": "object",
      "properties": {
       "extraspinalBoneCount": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0
         },
         {
          "type": "null"
         }
        ]
       },
       "visceral": {
        "type": "object",
        "properties": {
         "present": {
          "type": "boolean"
         },
         "sites": {
          "type": "array",
          "items": {
           "type": "string",
           "enum": [
            "lung",
            "liver",
            "brain",
            "kidney",
            "adrenal",
            "other"
           ]
          }
         },
         "surgicallyRemovable": {
          "oneOf": [
           {
            "type": "boolean"
           },
           {
            "type": "null"
           }
          ]
         },
         "treatable": {
          "oneOf": [
           {
            "type": "boolean"
           },
           {
            "type": "null"
           }
          ]
         }
        },
        "additionalProperties": false
       }
      },
      "additionalProperties": false
     },
     "neurology": {
      "type": "object",
      "properties": {
       "frankel": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "A",
           "B",
           "C",
           "D",
           "E"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "asia": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "A",
           "B",
           "C",
           "D",
           "E"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "ambulation": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "independent",
           "withAid",
           "nonAmbulatory"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "deficit": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "none",
           "radiculopathy",
           "myelopathy",
           "caudaEquina"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "motorDeficitDays": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0
         },
         {
          "type": "null"
         }
        ]
       },
       "hoursSinceLossOfAmbulation": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0
         },
         {
          "type": "null"
         }
        ]
       },
       "bladderBowelDysfunction": {
        "oneOf": [
         {
          "type": "boolean"
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     },
     "performance": {
      "type": "object",
      "properties": {
       "karnofsky": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0,
          "maximum": 100,
          "multipleOf": 10
         },
         {
          "type": "null"
         }
        ]
       },
       "ecog": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0,
          "maximum": 5
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     },
     "labs": {
      "type": "object",
      "properties": {
       "albumin": {
        "oneOf": [
         {
          "type": "object",
          "properties": {
           "value": {
            "type": "number"
           },
           "unit": {
            "type": "string",
            "enum": [
             "g/dL",
             "g/L"
            ]
           }
          },
          "required": [
           "value",
           "unit"
          ],
          "additionalProperties": false
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     },
     "systemic": {
      "type": "object",
      "properties": {
       "currentTreatment": {
        "type": "array",
        "items": {
         "type": "string",
         "enum": [
          "none",
          "chemotherapy",
          "targeted",
          "immunotherapy",
          "hormonal",
          "bone-modifying"
         ]
        }
       },
       "effectiveOptionsRemaining": {
        "oneOf": [
         {
          "type": "boolean"
         },
         {
          "type": "null"
         }
        ]
       },
       "medicallyOperable": {
        "oneOf": [
         {
          "type": "boolean"
         },
         {
          "type": "null"
         }
        ]
       },
       "clinicianSurvivalEstimateMonths": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     },
     "comorbidities": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "anemia",
        "diabetes",
        "hypertension",
        "cardiac",
        "pulmonary",
        "renal",
        "hepatic",
        "coagulopathy",
        "obesity",
        "osteoporosis",
        "other"
       ]
      }
     },
     "social": {
      "type": "object",
      "properties": {
       "familySupport": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "strong",
           "limited",
           "none"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "financialConstraints": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "none",
           "some",
           "severe"
          ]
         },
         {
          "type": "null"
         }
        ]
       },
       "travelBurden": {
        "oneOf": [
         {
          "type": "string",
          "enum": [
           "low",
           "high"
          ]
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     },
     "preferences": {
      "type": "object",
      "properties": {
       "priorities": {
        "type": "array",
        "items": {
         "type": "string",
         "enum": [
          "relieve-pain",
          "maintain-function",
          "prolong-life",
          "avoid-surgery",
          "fewest-visits",
          "stay-home"
         ]
        }
       },
       "declines": {
        "type": "array",
        "items": {
         "type": "string"
        }
       },
       "notes": {
        "oneOf": [
         {
          "type": "string",
          "maxLength": 4000
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     },
     "symptoms": {
      "type": "object",
      "properties": {
       "newBackPain": {
        "oneOf": [
         {
          "type": "boolean"
         },
         {
          "type": "null"
         }
        ]
       },
       "painFeatures": {
        "type": "array",
        "items": {
         "type": "string",
         "enum": [
          "thoracic-or-cervical",
          "progressive",
          "unremitting",
          "mechanical",
          "strain-aggravated",
          "nocturnal",
          "localized-tenderness",
          "claudication"
         ]
        }
       },
       "neuroSymptoms": {
        "type": "array",
        "items": {
         "type": "string",
         "enum": [
          "limb-weakness",
          "numbness",
          "gait-disturbance",
          "sphincter-dysfunction",
          "radicular-pain"
         ]
        }
       },
       "painScore": {
        "oneOf": [
         {
          "type": "integer",
          "minimum": 0,
          "maximum": 10
         },
         {
          "type": "null"
         }
        ]
       }
      },
      "additionalProperties": false
     }
    },
    "required": [
     "schemaVersion",
     "patient",
     "primaryTumor",
     "spine"
    ],
    "additionalProperties": false,
    "description": "Case document v1 (case-format.md). Unknown fields are rejected; the server's validation is authoritative (ranges and cross-field rules are not all expressible here)."
   },
   "Assessment": {
    "type": "object",
    "properties": {
     "rulesVersion": {
      "type": "string"
     },
     "disclaimer": {
      "type": "string"
     },
     "assessedOn": {
      "type": "string",
      "format": "date"
     },
     "scores": {
      "type": "object",
      "description": "sins, escc, tokuhashiRevised, tomita, bauerModified, bauerOriginal, nesms, rades, performanceStatus, neurologicalStatus; each with status computed | incomplete | not-applicable"
     },
     "prognosis": {
      "type": "object"
     },
     "noms": {
      "type": "object"
     },
     "patchell": {
      "type": "object"
     },
     "enBloc": {
      "type": "object"
     },
     "lmnop": {
      "type": "object"
     },
     "urgency": {
      "type": "object",
      "properties": {
       "level": {
        "type": "string",
        "enum": [
         "emergency",
         "urgent",
         "routine"
        ]
       },
       "reasons": {
        "type": "array",
        "items": {
         "type": "string"
        }
       },
       "deadlines": {
        "type": "array",
        "items": {
         "type": "object"
        }
       },
       "safetyNet": {
        "type": "string"
       },
       "citation": {
        "type": "string"
       }
      },
      "additionalProperties": true
     },
     "options": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "code": {
         "type": "string"
        },
        "rank": {
         "type": "integer"
        }
       }
      }
     },
     "referralDetails": {
      "type": "array",
      "items": {
       "type": "object"
      }
     },
     "referrals": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "warnings": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "required": [
     "rulesVersion",
     "disclaimer",
     "assessedOn",
     "scores",
     "urgency",
     "options",
     "referrals"
    ],
    "additionalProperties": true,
    "description": "The assessment (case-format.md \"Output\"), as computed by the rules of rulesVersion"
   },
   "CaseWritten": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "version": {
      "type": "integer"
     },
     "assessment": {
      "$ref": "#/components/schemas/Assessment"
     }
    },
    "required": [
     "id",
     "version",
     "assessment"
    ],
    "additionalProperties": false
   },
   "CaseRecord": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "version": {
      "type": "integer"
     },
     "case": {
      "$ref": "#/components/schemas/CaseDocument"
     },
     "assessment": {
      "$ref": "#/components/schemas/Assessment"
     }
    },
    "required": [
     "id",
     "version",
     "case",
     "assessment"
    ],
    "additionalProperties": false,
    "description": "case is the document exactly as it was accepted"
   },
   "CaseVersion": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "version": {
      "type": "integer"
     },
     "author": {
      "type": "string"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "case": {
      "$ref": "#/components/schemas/CaseDocument"
     },
     "assessment": {
      "$ref": "#/components/schemas/Assessment"
     }
    },
    "required": [
     "id",
     "version",
     "author",
     "createdAt",
     "case",
     "assessment"
    ],
    "additionalProperties": false
   },
   "VersionList": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "currentVersion": {
      "type": "integer"
     },
     "versions": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "version": {
         "type": "integer"
        },
        "author": {
         "type": "string"
        },
        "createdAt": {
         "type": "string",
         "format": "date-time"
        },
        "rulesVersion": {
         "type": "string"
        },
        "urgency": {
         "type": "string"
        }
       },
       "required": [
        "version",
        "author",
        "createdAt"
       ],
       "additionalProperties": false
      }
     }
    },
    "required": [
     "id",
     "currentVersion",
     "versions"
    ],
    "additionalProperties": false
   },
   "WorklistPage": {
    "type": "object",
    "properties": {
     "overdue": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/OverdueTask"
      },
      "description": "Open tasks past their deadline on the cases the user may see (every page carries the same list, soonest due first, at most 100); an overdue urgency-clock task is escalated to the nurse navigator"
     },
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/WorklistItem"
      }
     },
     "page": {
      "type": "integer"
     },
     "perPage": {
      "type": "integer"
     },
     "total": {
      "type": "integer"
     }
    },
    "required": [
     "overdue",
     "items",
     "page",
     "perPage",
     "total"
    ],
    "additionalProperties": false
   },
   "WorklistItem": {
    "type": "object",
    "properties": {
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "version": {
      "type": "integer"
     },
     "patient": {
      "type": "object",
      "properties": {
       "id": {
        "type": "string"
       },
       "name": {
        "type": "string"
       },
       "birthDate": {
        "type": "string",
        "format": "date"
       },
       "sex": {
        "type": "string"
       }
      },
      "required": [
       "id"
      ],
      "additionalProperties": false
     },
     "urgency": {
      "type": "string",
      "enum": [
       "emergency",
       "urgent",
       "routine"
      ]
     },
     "nextDeadline": {
      "type": "object",
      "properties": {
       "dueBy": {
        "type": "string",
        "format": "date"
       },
       "withinHours": {
        "type": "integer"
       },
       "action": {
        "type": "string"
       }
      },
      "required": [
       "dueBy",
       "withinHours",
       "action"
      ],
      "additionalProperties": false
     },
     "topOption": {
      "type": "string"
     },
     "openTasks": {
      "type": "integer",
      "minimum": 0,
      "description": "Open tasks on the case (GET /api/v1/cases/{caseId}/tasks)"
     },
     "escalation": {
      "type": "string",
      "description": "Set when a follow-up visit recorded neurological deterioration: the case is an emergency again and a new urgency clock runs; record a new case version after examining the patient, which clears it"
     },
     "assessedOn": {
      "type": "string",
      "format": "date"
     },
     "rulesVersion": {
      "type": "string"
     },
     "updatedAt": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "caseId",
     "version",
     "patient",
     "urgency",
     "openTasks",
     "assessedOn",
     "rulesVersion",
     "updatedAt"
    ],
    "additionalProperties": false
   },
   "AuditPage": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AuditEvent"
      }
     },
     "page": {
      "type": "integer"
     },
     "perPage": {
      "type": "integer"
     },
     "total": {
      "type": "integer"
     }
    },
    "required": [
     "items",
     "page",
     "perPage",
     "total"
    ],
    "additionalProperties": false
   },
   "AuditEvent": {
    "type": "object",
    "properties": {
     "seq": {
      "type": "integer"
     },
     "occurredAt": {
      "type": "string"
     },
     "actorId": {
      "type": "string"
     },
     "actorUsername": {
      "type": "string"
     },
     "actorRole": {
      "type": "string"
     },
     "action": {
      "type": "string"
     },
     "patient": {
      "type": "string"
     },
     "caseId": {
      "type": "string"
     },
     "requestId": {
      "type": "string"
     },
     "outcome": {
      "type": "string"
     },
     "detail": {
      "type": "string"
     },
     "previousHash": {
      "type": "string"
     },
     "hash": {
      "type": "string"
     }
    },
    "required": [
     "seq",
     "occurredAt",
     "action",
     "outcome",
     "previousHash",
     "hash"
    ],
    "additionalProperties": false,
    "description": "One link of the audit hash chain: hash = SHA-256 over every field and previousHash"
   },
   "TeamMemberInput": {
    "type": "object",
    "properties": {
     "username": {
      "oneOf": [
       {
        "type": "string"
       },
       {
        "type": "null"
       }
      ]
     },
     "role": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "spine-surgeon",
         "radiation-oncologist",
         "medical-oncologist",
         "diagnostic-radiologist",
         "interventional-radiologist",
         "physiatrist",
         "palliative-care",
         "nurse-navigator",
         "referring-clinician"
        ]
       },
       {
        "type": "null"
       }
      ]
     },
     "reason": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 500
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [],
    "additionalProperties": false,
    "description": "Exactly one of username (add that person) or role (invite that role). reason: why (at most 500 characters; default \"added by …\" / \"invited by …\")."
   },
   "TeamMemberView": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "username": {
      "type": "string",
      "description": "The member; absent for an open invitation"
     },
     "status": {
      "type": "string",
      "enum": [
       "member",
       "invited"
      ],
      "description": "invited: an open invitation for the role, not yet anyone's membership"
     },
     "reason": {
      "type": "string",
      "description": "Why, e.g. the referral that asked for the role"
     },
     "addedBy": {
      "type": "string",
      "description": "A username, or \"SpineBoard (assessment of version n)\" / \"SpineBoard (follow-up)\""
     },
     "since": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "id",
     "role",
     "status",
     "reason",
     "addedBy",
     "since"
    ],
    "additionalProperties": false
   },
   "TeamView": {
    "type": "object",
    "properties": {
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "members": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TeamMemberView"
      }
     },
     "invitations": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TeamMemberView"
      }
     }
    },
    "required": [
     "caseId",
     "members",
     "invitations"
    ],
    "additionalProperties": false
   },
   "InvitationView": {
    "type": "object",
    "properties": {
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "reason": {
      "type": "string"
     },
     "urgency": {
      "type": "string",
      "enum": [
       "emergency",
       "urgent",
       "routine"
      ],
      "description": "The case's urgency now"
     },
     "invitedAt": {
      "type": "string",
      "format": "date-time"
     }
    },
    "required": [
     "caseId",
     "role",
     "reason",
     "urgency",
     "invitedAt"
    ],
    "additionalProperties": false
   },
   "InvitationList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/InvitationView"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "ScheduleInput": {
    "type": "object",
    "properties": {
     "meeting": {
      "anyOf": [
       {
        "type": "string",
        "format": "uuid"
       },
       {
        "type": "string",
        "enum": [
         "next",
         "ad-hoc"
        ]
       }
      ],
      "description": "A meeting id, \"next\" (the next planned meeting) or \"ad-hoc\" (a meeting now)"
     }
    },
    "required": [
     "meeting"
    ],
    "additionalProperties": false
   },
   "ScheduledCase": {
    "type": "object",
    "properties": {
     "meetingId": {
      "type": "string",
      "format": "uuid"
     },
     "agendaItemId": {
      "type": "string",
      "format": "uuid"
     },
     "startsAt": {
      "type": "string",
      "format": "date-time"
     },
     "kind": {
      "type": "string",
      "enum": [
       "scheduled",
       "ad-hoc"
      ]
     },
     "warning": {
      "type": "string",
      "description": "Present for an emergency case: do not wait for the meeting; contact the MSCC coordinator now (NICE NG234: decision within 24 h)"
     }
    },
    "required": [
     "meetingId",
     "agendaItemId",
     "startsAt",
     "kind"
    ],
    "additionalProperties": false
   },
   "MeetingInput": {
    "type": "object",
    "properties": {
     "title": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200,
      "description": "1–200 characters (trimmed)"
     },
     "startsAt": {
      "type": "string",
      "format": "date-time",
      "maxLength": 40,
      "description": "ISO 8601 date and time with a zone, e.g. 2026-12-01T16:00:00Z (stored in UTC)"
     },
     "attendees": {
      "oneOf": [
       {
        "type": "array",
        "items": {
         "type": "string",
         "description": "A username"
        },
        "maxItems": 50
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "title",
     "startsAt"
    ],
    "additionalProperties": false,
    "description": "The chair is the signed-in user, who attends."
   },
   "MeetingSummary": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "title": {
      "type": "string"
     },
     "startsAt": {
      "type": "string",
      "format": "date-time"
     },
     "kind": {
      "type": "string",
      "enum": [
       "scheduled",
       "ad-hoc"
      ]
     },
     "status": {
      "type": "string",
      "description": "planned"
     },
     "chair": {
      "type": "string",
      "description": "The chair's username"
     },
     "cases": {
      "type": "integer",
      "minimum": 0,
      "description": "Cases on the agenda"
     },
     "attendees": {
      "type": "integer",
      "minimum": 0
     }
    },
    "required": [
     "id",
     "title",
     "startsAt",
     "kind",
     "status",
     "chair",
     "cases",
     "attendees"
    ],
    "additionalProperties": false
   },
   "MeetingList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/MeetingSummary"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "AgendaEntry": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "position": {
      "type": "integer",
      "minimum": 1
     },
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "patientId": {
      "type": "string",
      "description": "The patient's record number (protected health information)"
     },
     "patientName": {
      "type": "string",
      "description": "Protected health information"
     },
     "urgency": {
      "type": "string",
      "enum": [
       "emergency",
       "urgent",
       "routine"
      ],
      "description": "When the case was put on the agenda"
     },
     "urgencyNow": {
      "type": "string",
      "enum": [
       "emergency",
       "urgent",
       "routine"
      ],
      "description": "The case's urgency now"
     },
     "status": {
      "type": "string",
      "enum": [
       "pending",
       "decided"
      ],
      "description": "decided once a decision naming this meeting is recorded"
     },
     "doNotWait": {
      "type": "boolean",
      "description": "The case is an emergency now: it is not to wait for the meeting (NICE NG234)"
     },
     "addedBy": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "position",
     "caseId",
     "patientId",
     "urgency",
     "urgencyNow",
     "status",
     "doNotWait",
     "addedBy"
    ],
    "additionalProperties": false
   },
   "MeetingDetail": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "title": {
      "type": "string"
     },
     "startsAt": {
      "type": "string",
      "format": "date-time"
     },
     "kind": {
      "type": "string",
      "enum": [
       "scheduled",
       "ad-hoc"
      ]
     },
     "status": {
      "type": "string",
      "description": "planned"
     },
     "chair": {
      "type": "string",
      "description": "The chair's username"
     },
     "attendees": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "username": {
         "type": "string"
        },
        "role": {
         "$ref": "#/components/schemas/Role"
        }
       },
       "required": [
        "username",
        "role"
       ],
       "additionalProperties": false
      }
     },
     "rolesMissing": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "spine-surgeon",
        "radiation-oncologist",
        "medical-oncologist",
        "diagnostic-radiologist"
       ]
      },
      "description": "Core roles no attendee has"
     },
     "agenda": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AgendaEntry"
      }
     },
     "disclaimer": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "title",
     "startsAt",
     "kind",
     "status",
     "chair",
     "attendees",
     "rolesMissing",
     "agenda",
     "disclaimer"
    ],
    "additionalProperties": false
   },
   "AgendaInput": {
    "type": "object",
    "properties": {
     "caseId": {
      "type": "string",
      "format": "uuid"
     }
    },
    "required": [
     "caseId"
    ],
    "additionalProperties": false
   },
   "AttendeeInput": {
    "type": "object",
    "properties": {
     "username": {
      "type": "string"
     }
    },
    "required": [
     "username"
    ],
    "additionalProperties": false
   },
   "LesionCorrection": {
    "type": "object",
    "properties": {
     "levels": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^(C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$"
      },
      "minItems": 1,
      "description": "The lesion's levels exactly as recorded in the current case version, in the same order (identifies the lesion; a new lesion is added by editing the case)"
     },
     "pain": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "mechanical",
         "occasional",
         "none"
        ],
        "description": "SINS pain"
       },
       {
        "type": "null"
       }
      ]
     },
     "boneLesion": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "lytic",
         "mixed",
         "blastic"
        ],
        "description": "SINS bone lesion"
       },
       {
        "type": "null"
       }
      ]
     },
     "alignment": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "subluxation",
         "deformity",
         "normal"
        ],
        "description": "SINS radiographic alignment"
       },
       {
        "type": "null"
       }
      ]
     },
     "collapse": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "over50",
         "under50",
         "noCollapseOver50Involved",
         "none"
        ],
        "description": "SINS vertebral body collapse"
       },
       {
        "type": "null"
       }
      ]
     },
     "posterolateral": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "bilateral",
         "unilateral",
         "none"
        ],
        "description": "SINS posterolateral involvement"
       },
       {
        "type": "null"
       }
      ]
     },
     "escc": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "0",
         "1a",
         "1b",
         "1c",
         "2",
         "3"
        ],
        "description": "Bilsky epidural spinal cord compression grade"
       },
       {
        "type": "null"
       }
      ]
     },
     "bonyRetropulsion": {
      "oneOf": [
       {
        "type": "boolean"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "levels"
    ],
    "additionalProperties": false,
    "description": "A diagnostic radiologist's correction of one lesion; the fields given replace the recorded ones."
   },
   "ProposedRegimen": {
    "type": "object",
    "properties": {
     "doseGy": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 80,
      "description": "Total dose in Gy"
     },
     "fractions": {
      "type": "integer",
      "minimum": 1,
      "maximum": 40
     },
     "technique": {
      "type": "string",
      "enum": [
       "cebrt",
       "sbrt"
      ],
      "description": "cebrt: conventional external-beam RT; sbrt: stereotactic body RT"
     }
    },
    "required": [
     "doseGy",
     "fractions",
     "technique"
    ],
    "additionalProperties": false
   },
   "ReviewInput": {
    "type": "object",
    "properties": {
     "caseVersion": {
      "type": "integer",
      "minimum": 1,
      "description": "The case version the reviewer read; corrections require the current one"
     },
     "text": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000,
        "description": "Free text; every role"
       },
       {
        "type": "null"
       }
      ]
     },
     "levelsConfirmed": {
      "oneOf": [
       {
        "type": "boolean",
        "description": "diagnostic-radiologist"
       },
       {
        "type": "null"
       }
      ]
     },
     "lesions": {
      "oneOf": [
       {
        "type": "array",
        "items": {
         "$ref": "#/components/schemas/LesionCorrection"
        },
        "minItems": 1,
        "maxItems": 40,
        "description": "diagnostic-radiologist. Corrections of levels' SINS items and ESCC: a change makes a new case version"
       },
       {
        "type": "null"
       }
      ]
     },
     "operability": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "operable",
         "operable-high-risk",
         "not-operable"
        ],
        "description": "spine-surgeon; a change makes a new case version (systemic.medicallyOperable: not-operable is false, the others true)"
       },
       {
        "type": "null"
       }
      ]
     },
     "instabilityAgreed": {
      "oneOf": [
       {
        "type": "boolean",
        "description": "spine-surgeon: agrees with the SINS instability assessment"
       },
       {
        "type": "null"
       }
      ]
     },
     "proposedOption": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "cebrt",
         "sbrt",
         "separation-surgery",
         "decompression-stabilization",
         "stabilization",
         "cement-augmentation",
         "en-bloc-resection",
         "systemic-therapy",
         "dexamethasone",
         "embolization",
         "bracing",
         "bone-modifying-agent",
         "analgesia",
         "rehabilitation",
         "palliative-care"
        ],
        "description": "spine-surgeon: a treatment option code"
       },
       {
        "type": "null"
       }
      ]
     },
     "proposedRegimen": {
      "oneOf": [
       {
        "allOf": [
         {
          "$ref": "#/components/schemas/ProposedRegimen"
         }
        ],
        "description": "radiation-oncologist"
       },
       {
        "type": "null"
       }
      ]
     },
     "priorRadiationNoted": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000,
        "description": "radiation-oncologist"
       },
       {
        "type": "null"
       }
      ]
     },
     "systemicPlan": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000,
        "description": "medical-oncologist"
       },
       {
        "type": "null"
       }
      ]
     },
     "expectedSurvivalMonths": {
      "oneOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 240,
        "description": "medical-oncologist: the clinician's survival estimate, in months; a change makes a new case version (systemic.clinicianSurvivalEstimateMonths)"
       },
       {
        "type": "null"
       }
      ]
     },
     "embolizationAdvised": {
      "oneOf": [
       {
        "type": "boolean",
        "description": "interventional-radiologist"
       },
       {
        "type": "null"
       }
      ]
     },
     "cementAugmentationCandidate": {
      "oneOf": [
       {
        "type": "boolean",
        "description": "interventional-radiologist"
       },
       {
        "type": "null"
       }
      ]
     },
     "rehabilitationPlan": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000,
        "description": "physiatrist"
       },
       {
        "type": "null"
       }
      ]
     },
     "bracing": {
      "oneOf": [
       {
        "type": "boolean",
        "description": "physiatrist"
       },
       {
        "type": "null"
       }
      ]
     },
     "goalsOfCare": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000,
        "description": "palliative-care"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "caseVersion"
    ],
    "additionalProperties": false,
    "description": "Each role may set only its own fields (422 naming the field otherwise): diagnostic-radiologist: levelsConfirmed, lesions; spine-surgeon: operability, instabilityAgreed, proposedOption; radiation-oncologist: proposedRegimen, priorRadiationNoted; medical-oncologist: systemicPlan, expectedSurvivalMonths; interventional-radiologist: embolizationAdvised, cementAugmentationCandidate; physiatrist: rehabilitationPlan, bracing; palliative-care: goalsOfCare; nurse-navigator, referring-clinician: text only."
   },
   "ReviewView": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "caseVersion": {
      "type": "integer",
      "minimum": 1
     },
     "revision": {
      "type": "integer",
      "minimum": 1,
      "description": "1 for the author's first review of the case, then 2, 3, …"
     },
     "author": {
      "type": "string"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "createdAt": {
      "type": "string",
      "format": "date-time"
     },
     "newCaseVersion": {
      "type": "integer",
      "minimum": 2,
      "description": "The case version the review's corrections made, if any"
     },
     "review": {
      "$ref": "#/components/schemas/ReviewInput"
     }
    },
    "required": [
     "id",
     "caseVersion",
     "revision",
     "author",
     "role",
     "createdAt",
     "review"
    ],
    "additionalProperties": false
   },
   "ReviewList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ReviewView"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "ChosenOption": {
    "type": "object",
    "properties": {
     "code": {
      "type": "string",
      "enum": [
       "cebrt",
       "sbrt",
       "separation-surgery",
       "decompression-stabilization",
       "stabilization",
       "cement-augmentation",
       "en-bloc-resection",
       "systemic-therapy",
       "dexamethasone",
       "embolization",
       "bracing",
       "bone-modifying-agent",
       "analgesia",
       "rehabilitation",
       "palliative-care"
      ],
      "description": "A treatment option code"
     },
     "regimen": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 200,
        "description": "e.g. 8 Gy / 1; default the assessment's regimen for the option"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "code"
    ],
    "additionalProperties": false
   },
   "Dissent": {
    "type": "object",
    "properties": {
     "username": {
      "type": "string",
      "description": "A user who disagrees"
     },
     "reason": {
      "type": "string",
      "minLength": 1,
      "maxLength": 2000,
      "description": "Required, not blank"
     }
    },
    "required": [
     "username",
     "reason"
    ],
    "additionalProperties": false
   },
   "DecisionInput": {
    "type": "object",
    "properties": {
     "caseVersion": {
      "type": "integer",
      "minimum": 1,
      "description": "The case version decided on; its assessment is the one the decision rests on"
     },
     "meetingId": {
      "oneOf": [
       {
        "type": "string",
        "format": "uuid",
        "description": "The meeting it was decided at; the case must be on its agenda"
       },
       {
        "type": "null"
       }
      ]
     },
     "options": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ChosenOption"
      },
      "minItems": 1,
      "maxItems": 10,
      "description": "The chosen options, the main one first; no code twice"
     },
     "goals": {
      "oneOf": [
       {
        "type": "array",
        "items": {
         "type": "string",
         "enum": [
          "pain-relief",
          "neurological-function",
          "support-cancer-treatment",
          "tumor-control"
         ]
        },
        "description": "Default: the goals the chosen options serve in the assessment"
       },
       {
        "type": "null"
       }
      ]
     },
     "dissent": {
      "oneOf": [
       {
        "type": "array",
        "items": {
         "$ref": "#/components/schemas/Dissent"
        }
       },
       {
        "type": "null"
       }
      ]
     },
     "patientPreferences": {
      "type": "string",
      "minLength": 1,
      "maxLength": 2000,
      "description": "How the patient's preferences were taken into account (required, not blank)"
     },
     "departureReason": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 2000,
        "description": "Required when the main option is not SpineBoard's top-ranked option (the first not declined that is not an adjunct — dexamethasone, analgesia, bracing, bone-modifying-agent) in the assessment of caseVersion, and when a chosen option is one the patient declined"
       },
       {
        "type": "null"
       }
      ]
     },
     "note": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "caseVersion",
     "options",
     "patientPreferences"
    ],
    "additionalProperties": false
   },
   "DecisionView": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "caseVersion": {
      "type": "integer",
      "minimum": 1
     },
     "assessmentId": {
      "type": "string",
      "format": "uuid",
      "description": "The assessment snapshot shown for caseVersion"
     },
     "rulesVersion": {
      "type": "string"
     },
     "meetingId": {
      "type": "string",
      "format": "uuid"
     },
     "options": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ChosenOption"
      }
     },
     "goals": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "pain-relief",
        "neurological-function",
        "support-cancer-treatment",
        "tumor-control"
       ]
      }
     },
     "dissent": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Dissent"
      }
     },
     "patientPreferences": {
      "type": "string"
     },
     "note": {
      "type": "string"
     },
     "topRankedOption": {
      "type": "string",
      "enum": [
       "cebrt",
       "sbrt",
       "separation-surgery",
       "decompression-stabilization",
       "stabilization",
       "cement-augmentation",
       "en-bloc-resection",
       "systemic-therapy",
       "dexamethasone",
       "embolization",
       "bracing",
       "bone-modifying-agent",
       "analgesia",
       "rehabilitation",
       "palliative-care"
      ],
      "description": "SpineBoard's top-ranked main option in that assessment"
     },
     "departsFromTopRanked": {
      "type": "boolean"
     },
     "departureReason": {
      "type": "string"
     },
     "decidedBy": {
      "type": "string"
     },
     "decidedAt": {
      "type": "string",
      "format": "date-time"
     },
     "reviewsConsidered": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ReviewRef"
      },
      "description": "The reviews the decision rested on (the latest revision of each specialist when it was recorded)"
     },
     "disclaimer": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "caseId",
     "caseVersion",
     "assessmentId",
     "rulesVersion",
     "options",
     "goals",
     "dissent",
     "patientPreferences",
     "departsFromTopRanked",
     "decidedBy",
     "decidedAt",
     "reviewsConsidered",
     "disclaimer"
    ],
    "additionalProperties": false
   },
   "DecisionList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/DecisionView"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "DecisionRecord": {
    "type": "object",
    "properties": {
     "decision": {
      "$ref": "#/components/schemas/DecisionView"
     },
     "case": {
      "oneOf": [
       {
        "$ref": "#/components/schemas/CaseDocument"
       },
       {
        "type": "null"
       }
      ]
     },
     "assessment": {
      "$ref": "#/components/schemas/Assessment"
     }
    },
    "required": [
     "decision",
     "case",
     "assessment"
    ],
    "additionalProperties": false,
    "description": "case is the document of the decision's case version exactly as accepted; assessment is the snapshot the decision was made on"
   },
   "TaskView": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "code": {
      "type": "string",
      "description": "clock.* for an urgency deadline (e.g. clock.coordinator-contact, clock.dexamethasone, clock.immobilisation, clock.spinal-advice, clock.mri, clock.mri-and-plan, clock.definitive-decision), decision.* for a decision's follow-through (e.g. decision.rt-simulation, decision.surgery-booking)"
     },
     "title": {
      "type": "string"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "assignee": {
      "type": "string",
      "description": "The assigned username, if any"
     },
     "dueAt": {
      "type": "string",
      "format": "date-time"
     },
     "isClock": {
      "type": "boolean",
      "description": "An urgency-clock deadline (NICE NG234 / QS56), due from the moment the red flag was recorded; \"immediately\" is tracked as within 1 hour"
     },
     "clockStartedAt": {
      "type": "string",
      "format": "date-time"
     },
     "source": {
      "type": "string",
      "description": "The guideline the deadline comes from, or the service default"
     },
     "origin": {
      "type": "string",
      "enum": [
       "urgency",
       "decision"
      ]
     },
     "status": {
      "type": "string",
      "enum": [
       "open",
       "done",
       "cancelled"
      ]
     },
     "completedAt": {
      "type": "string",
      "format": "date-time"
     },
     "completedBy": {
      "type": "string",
      "description": "Who closed it; for a cancelled task \"username: reason\", or \"superseded: new clock (…)\" when a more urgent clock replaced it"
     },
     "overdue": {
      "type": "boolean",
      "description": "Open and past due"
     },
     "metDeadline": {
      "type": "boolean",
      "description": "Done by dueAt; absent while open or when cancelled"
     }
    },
    "required": [
     "id",
     "caseId",
     "code",
     "title",
     "role",
     "dueAt",
     "isClock",
     "source",
     "origin",
     "status",
     "overdue"
    ],
    "additionalProperties": false
   },
   "TaskList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TaskView"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "TaskChangeInput": {
    "type": "object",
    "properties": {
     "reason": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 500,
        "description": "POST .../cancel: why (1–500 characters)"
       },
       {
        "type": "null"
       }
      ]
     },
     "username": {
      "oneOf": [
       {
        "type": "string",
        "description": "POST .../assign: the assignee"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [],
    "additionalProperties": false
   },
   "OverdueTask": {
    "type": "object",
    "properties": {
     "taskId": {
      "type": "string",
      "format": "uuid"
     },
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "patientId": {
      "type": "string",
      "description": "The patient's record number"
     },
     "patientName": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "role": {
      "$ref": "#/components/schemas/Role"
     },
     "dueAt": {
      "type": "string",
      "format": "date-time"
     },
     "isClock": {
      "type": "boolean"
     },
     "escalatedTo": {
      "type": "string",
      "enum": [
       "nurse-navigator"
      ],
      "description": "An overdue urgency-clock deadline goes to the coordinator"
     }
    },
    "required": [
     "taskId",
     "caseId",
     "patientId",
     "title",
     "role",
     "dueAt",
     "isClock"
    ],
    "additionalProperties": false
   },
   "PatientReported": {
    "type": "object",
    "properties": {
     "painNRS": {
      "type": "integer",
      "minimum": 0,
      "maximum": 10,
      "description": "Pain, numeric rating scale"
     },
     "mobility": {
      "type": "integer",
      "minimum": 1,
      "maximum": 5,
      "description": "1 (no problems) … 5 (extreme problems or unable)"
     },
     "selfCare": {
      "type": "integer",
      "minimum": 1,
      "maximum": 5,
      "description": "1 … 5"
     },
     "usualActivities": {
      "type": "integer",
      "minimum": 1,
      "maximum": 5,
      "description": "1 … 5"
     },
     "painDiscomfort": {
      "type": "integer",
      "minimum": 1,
      "maximum": 5,
      "description": "1 … 5"
     },
     "anxietyDepression": {
      "type": "integer",
      "minimum": 1,
      "maximum": 5,
      "description": "1 … 5"
     }
    },
    "required": [
     "painNRS",
     "mobility",
     "selfCare",
     "usualActivities",
     "painDiscomfort",
     "anxietyDepression"
    ],
    "additionalProperties": false,
    "description": "Patient-reported outcome: pain NRS and five EQ-5D-style domains"
   },
   "FollowUpInput": {
    "type": "object",
    "properties": {
     "visitDate": {
      "type": "string",
      "format": "date",
      "description": "Not in the future"
     },
     "painScore": {
      "oneOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 10,
        "description": "0–10"
       },
       {
        "type": "null"
       }
      ]
     },
     "frankel": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "A",
         "B",
         "C",
         "D",
         "E"
        ]
       },
       {
        "type": "null"
       }
      ]
     },
     "asia": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "A",
         "B",
         "C",
         "D",
         "E"
        ],
        "description": "ASIA Impairment Scale; used when frankel is not given"
       },
       {
        "type": "null"
       }
      ]
     },
     "ambulation": {
      "oneOf": [
       {
        "type": "string",
        "enum": [
         "independent",
         "withAid",
         "nonAmbulatory"
        ]
       },
       {
        "type": "null"
       }
      ]
     },
     "neuroSymptoms": {
      "oneOf": [
       {
        "type": "array",
        "items": {
         "type": "string",
         "enum": [
          "limb-weakness",
          "numbness",
          "gait-disturbance",
          "sphincter-dysfunction",
          "radicular-pain"
         ]
        },
        "description": "NICE NG234's neurological symptoms found at the visit; one not recorded before (at the last visit recording them since the current case version, else in that version) makes the case an emergency again"
       },
       {
        "type": "null"
       }
      ]
     },
     "bladderBowelDysfunction": {
      "oneOf": [
       {
        "type": "boolean",
        "description": "true where it was not before makes the case an emergency again"
       },
       {
        "type": "null"
       }
      ]
     },
     "karnofsky": {
      "oneOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
        "multipleOf": 10
       },
       {
        "type": "null"
       }
      ]
     },
     "ecog": {
      "oneOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 5
       },
       {
        "type": "null"
       }
      ]
     },
     "patientReported": {
      "oneOf": [
       {
        "$ref": "#/components/schemas/PatientReported"
       },
       {
        "type": "null"
       }
      ]
     },
     "notes": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 4000
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "visitDate"
    ],
    "additionalProperties": false,
    "description": "At least one finding: painScore, frankel/asia, ambulation, karnofsky/ecog or patientReported."
   },
   "FollowUpView": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "visitDate": {
      "type": "string",
      "format": "date"
     },
     "author": {
      "type": "string"
     },
     "recordedAt": {
      "type": "string",
      "format": "date-time"
     },
     "visit": {
      "$ref": "#/components/schemas/FollowUpInput"
     },
     "worsening": {
      "type": "string",
      "description": "Neurological deterioration since the last record: the case became an emergency and a new urgency clock started"
     }
    },
    "required": [
     "id",
     "visitDate",
     "author",
     "recordedAt",
     "visit"
    ],
    "additionalProperties": false
   },
   "FollowUpList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/FollowUpView"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "TreatmentInput": {
    "type": "object",
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "radiation",
       "surgery",
       "cement-augmentation",
       "embolization"
      ]
     },
     "levels": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^(C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$"
      },
      "minItems": 1,
      "maxItems": 24
     },
     "givenOn": {
      "type": "string",
      "format": "date",
      "description": "Not in the future; for a radiotherapy course, the date it was given (or started)"
     },
     "doseGy": {
      "oneOf": [
       {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 80,
        "description": "radiation only, required: total prescribed dose in Gy"
       },
       {
        "type": "null"
       }
      ]
     },
     "fractions": {
      "oneOf": [
       {
        "type": "integer",
        "minimum": 1,
        "maximum": 40,
        "description": "radiation only, required"
       },
       {
        "type": "null"
       }
      ]
     },
     "detail": {
      "oneOf": [
       {
        "type": "string",
        "maxLength": 1000,
        "description": "e.g. the operation and its hardware"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "kind",
     "levels",
     "givenOn"
    ],
    "additionalProperties": false,
    "if": {
     "properties": {
      "kind": {
       "const": "radiation"
      }
     }
    },
    "then": {
     "required": [
      "doseGy",
      "fractions"
     ]
    },
    "else": {
     "properties": {
      "doseGy": {
       "type": "null"
      },
      "fractions": {
       "type": "null"
      }
     }
    }
   },
   "TreatmentView": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "kind": {
      "type": "string",
      "enum": [
       "radiation",
       "surgery",
       "cement-augmentation",
       "embolization"
      ]
     },
     "levels": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^(C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$"
      }
     },
     "givenOn": {
      "type": "string",
      "format": "date"
     },
     "doseGy": {
      "type": "number"
     },
     "fractions": {
      "type": "integer"
     },
     "eqd2Gy": {
      "type": "number",
      "description": "Radiation: EQD2 of the prescription, linear-quadratic model at α/β = 2 Gy (spinal cord), rounded to 0.1 Gy; not the cord dose of a plan"
     },
     "detail": {
      "type": "string"
     },
     "author": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "kind",
     "levels",
     "givenOn",
     "detail",
     "author"
    ],
    "additionalProperties": false
   },
   "TreatmentList": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TreatmentView"
      }
     }
    },
    "required": [
     "items"
    ],
    "additionalProperties": false
   },
   "LevelObservation": {
    "type": "object",
    "properties": {
     "caseVersion": {
      "type": "integer",
      "minimum": 1
     },
     "recordedAt": {
      "type": "string",
      "format": "date-time"
     },
     "lesion": {
      "type": "string",
      "description": "The lesion's levels, e.g. T8–T9"
     },
     "sins": {
      "type": "integer",
      "minimum": 0,
      "maximum": 18,
      "description": "The lesion's SINS total in the stored assessment"
     },
     "sinsCategory": {
      "type": "string",
      "enum": [
       "stable",
       "potentially-unstable",
       "unstable"
      ]
     },
     "escc": {
      "type": "string",
      "enum": [
       "0",
       "1a",
       "1b",
       "1c",
       "2",
       "3"
      ]
     },
     "collapse": {
      "type": "string",
      "enum": [
       "over50",
       "under50",
       "noCollapseOver50Involved",
       "none"
      ]
     },
     "priorRadiation": {
      "type": "string",
      "description": "e.g. 8 Gy / 1 on 2025-03-01"
     }
    },
    "required": [
     "caseVersion",
     "recordedAt",
     "lesion"
    ],
    "additionalProperties": false
   },
   "RadiationCourseView": {
    "type": "object",
    "properties": {
     "doseGy": {
      "type": "number"
     },
     "fractions": {
      "type": "integer"
     },
     "on": {
      "type": "string",
      "format": "date"
     },
     "eqd2Gy": {
      "type": "number",
      "description": "EQD2 of the prescription at α/β = 2 Gy, rounded to 0.1 Gy"
     },
     "source": {
      "type": "string",
      "description": "\"case version n\" (a priorRadiation) or \"delivered, recorded by …\""
     }
    },
    "required": [
     "doseGy",
     "fractions",
     "eqd2Gy",
     "source"
    ],
    "additionalProperties": false
   },
   "LevelHistory": {
    "type": "object",
    "properties": {
     "level": {
      "type": "string",
      "pattern": "^(C[1-7]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$"
     },
     "observations": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/LevelObservation"
      }
     },
     "treatments": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/TreatmentView"
      }
     },
     "radiation": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/RadiationCourseView"
      }
     },
     "cumulativeDoseGy": {
      "type": "number",
      "minimum": 0,
      "description": "Physical dose, summed over the courses"
     },
     "cumulativeEQD2Gy": {
      "type": "number",
      "minimum": 0,
      "description": "EQD2 at α/β = 2 Gy of the prescriptions, summed"
     },
     "doseNotes": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "An undated course of the same dose and fractions recorded more than once is counted once, and said here"
     }
    },
    "required": [
     "level",
     "observations",
     "treatments",
     "radiation",
     "cumulativeDoseGy",
     "cumulativeEQD2Gy",
     "doseNotes"
    ],
    "additionalProperties": false
   },
   "SpineHistoryView": {
    "type": "object",
    "properties": {
     "caseId": {
      "type": "string",
      "format": "uuid"
     },
     "currentVersion": {
      "type": "integer",
      "minimum": 1
     },
     "levels": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/LevelHistory"
      },
      "description": "Cranial to caudal"
     },
     "eqd2Statement": {
      "type": "string",
      "description": "How the EQD2 is computed: of the prescribed dose, α/β = 2 Gy; not a plan's cord dose"
     },
     "disclaimer": {
      "type": "string"
     }
    },
    "required": [
     "caseId",
     "currentVersion",
     "levels",
     "eqd2Statement",
     "disclaimer"
    ],
    "additionalProperties": false
   },
   "DepartureReport": {
    "type": "object",
    "properties": {
     "from": {
      "type": "string",
      "format": "date"
     },
     "to": {
      "type": "string",
      "format": "date"
     },
     "decisions": {
      "type": "integer",
      "minimum": 0
     },
     "departures": {
      "type": "integer",
      "minimum": 0
     },
     "share": {
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "description": "departures ÷ decisions; absent without decisions"
     },
     "entries": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "decisionId": {
         "type": "string",
         "format": "uuid"
        },
        "caseId": {
         "type": "string",
         "format": "uuid"
        },
        "decidedAt": {
         "type": "string",
         "format": "date-time"
        },
        "decidedBy": {
         "type": "string"
        },
        "rulesVersion": {
         "type": "string"
        },
        "topRankedOption": {
         "type": "string",
         "enum": [
          "cebrt",
          "sbrt",
          "separation-surgery",
          "decompression-stabilization",
          "stabilization",
          "cement-augmentation",
          "en-bloc-resection",
          "systemic-therapy",
          "dexamethasone",
          "embolization",
          "bracing",
          "bone-modifying-agent",
          "analgesia",
          "rehabilitation",
          "palliative-care"
         ]
        },
        "chosenOption": {
         "type": "string",
         "enum": [
          "cebrt",
          "sbrt",
          "separation-surgery",
          "decompression-stabilization",
          "stabilization",
          "cement-augmentation",
          "en-bloc-resection",
          "systemic-therapy",
          "dexamethasone",
          "embolization",
          "bracing",
          "bone-modifying-agent",
          "analgesia",
          "rehabilitation",
          "palliative-care"
         ]
        },
        "reason": {
         "type": "string"
        }
       },
       "required": [
        "decisionId",
        "caseId",
        "decidedAt",
        "decidedBy",
        "rulesVersion",
        "chosenOption",
        "reason"
       ],
       "additionalProperties": false
      }
     }
    },
    "required": [
     "from",
     "to",
     "decisions",
     "departures",
     "entries"
    ],
    "additionalProperties": false
   },
   "ClockReport": {
    "type": "object",
    "properties": {
     "from": {
      "type": "string",
      "format": "date"
     },
     "to": {
      "type": "string",
      "format": "date"
     },
     "clocks": {
      "type": "integer",
      "minimum": 0,
      "description": "Urgency clocks started in the period"
     },
     "rows": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "code": {
         "type": "string",
         "description": "The deadline, e.g. clock.definitive-decision"
        },
        "deadlines": {
         "type": "integer",
         "minimum": 0
        },
        "met": {
         "type": "integer",
         "minimum": 0,
         "description": "Done by the deadline"
        },
        "late": {
         "type": "integer",
         "minimum": 0,
         "description": "Done after the deadline"
        },
        "overdue": {
         "type": "integer",
         "minimum": 0,
         "description": "Open and past the deadline"
        },
        "pending": {
         "type": "integer",
         "minimum": 0,
         "description": "Open, not yet due"
        },
        "cancelled": {
         "type": "integer",
         "minimum": 0
        },
        "shareMet": {
         "type": "number",
         "minimum": 0,
         "maximum": 1,
         "description": "met ÷ (met + late + overdue); absent when none fell due"
        }
       },
       "required": [
        "code",
        "deadlines",
        "met",
        "late",
        "overdue",
        "pending",
        "cancelled"
       ],
       "additionalProperties": false
      }
     },
     "citation": {
      "type": "string"
     }
    },
    "required": [
     "from",
     "to",
     "clocks",
     "rows",
     "citation"
    ],
    "additionalProperties": false
   },
   "ReviewRef": {
    "type": "object",
    "description": "A specialist review the decision was taken with: each author's latest revision at that moment",
    "additionalProperties": false,
    "required": [
     "id",
     "author",
     "role",
     "revision",
     "caseVersion"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "author": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "revision": {
      "type": "integer",
      "minimum": 1
     },
     "caseVersion": {
      "type": "integer",
      "minimum": 1
     }
    }
   }
  },
  "responses": {
   "AdminForbidden": {
    "description": "The administrator role may not do this (audited): it needs a clinical role",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "AdminOrNotOnCareTeam": {
    "description": "The administrator role may not create or change clinical records (audited), or the user is not on this patient's care team (type urn:spineboard:problem:not-on-care-team; audited with the patient's record). Changing a care team is for its members and administrators: seeing a case through a meeting's agenda is read-only",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "BodyTooLarge": {
    "description": "The body is larger than the limit (1 MiB by default)",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "CaseNotFound": {
    "description": "No such case (an id that is not a UUID is also 404)",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "CaseOrVersionNotFound": {
    "description": "No such case or version",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Conflict": {
    "description": "Conflict",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Invalid": {
    "description": "The document or a parameter is not valid; errors[] gives each field path",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "InvalidPeriod": {
    "description": "from or to is not a date (YYYY-MM-DD), or from is after to. errors[] gives the parameter",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "MalformedBody": {
    "description": "Malformed JSON or a body of the wrong shape",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "MeetingNotFound": {
    "description": "No such meeting",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "NotJSON": {
    "description": "The body is not application/json",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "NotOnCareTeam": {
    "description": "Not on this patient's care team (type urn:spineboard:problem:not-on-care-team; the refusal is audited with the patient's record). Only the care team's members, the attendees of a tumour board the case is on the agenda of, and administrators see a case.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "RoleForbidden": {
    "description": "The signed-in role may not do this",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "RoleForbiddenOrNotOnCareTeam": {
    "description": "The signed-in role may not do this, or the user is not on this patient's care team (type urn:spineboard:problem:not-on-care-team; audited with the patient's record)",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "TaskClosed": {
    "description": "The task is already done or cancelled (type urn:spineboard:problem:task-closed)",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "TaskNotFound": {
    "description": "No such task",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Unauthenticated": {
    "description": "No valid bearer token (or, for POST /session, wrong username or password)",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   }
  }
 }
}
"""#
}
