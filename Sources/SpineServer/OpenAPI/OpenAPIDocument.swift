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
  "description": "Decision support for metastatic spinal tumours. Decision support only: SpineBoard does not replace clinical judgment.",
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
      "description": "Malformed JSON or a body of the wrong shape",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "The body is larger than the limit (1 MiB by default)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "415": {
      "description": "The body is not application/json",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "Sorted emergency → urgent → routine, then by nearest deadline. Filters: urgency, q (name or record number, case-insensitive substring).",
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
      "description": "Malformed JSON or a body of the wrong shape",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Conflict",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "The body is larger than the limit (1 MiB by default)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "415": {
      "description": "The body is not application/json",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     }
    },
    "description": "409 when the patient (patient.id) already has a case: caseId and Location name it.",
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
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "No such case or version",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "Malformed JSON or a body of the wrong shape",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "No such case or version",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "The body is larger than the limit (1 MiB by default)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "415": {
      "description": "The body is not application/json",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "No such case or version",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "404": {
      "description": "No such case or version",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "Malformed JSON or a body of the wrong shape",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "The body is larger than the limit (1 MiB by default)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "415": {
      "description": "The body is not application/json",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "Malformed JSON or a body of the wrong shape",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "401": {
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "409": {
      "description": "Conflict",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "413": {
      "description": "The body is larger than the limit (1 MiB by default)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "415": {
      "description": "The body is not application/json",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
      "description": "No valid bearer token (or, for POST /session, wrong username or password)",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "403": {
      "description": "The signed-in role may not do this",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
     },
     "422": {
      "description": "The document or a parameter is not valid; errors[] gives each field path",
      "content": {
       "application/problem+json": {
        "schema": {
         "$ref": "#/components/schemas/Problem"
        }
       }
      }
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
   }
  }
 }
}
"""#
}
