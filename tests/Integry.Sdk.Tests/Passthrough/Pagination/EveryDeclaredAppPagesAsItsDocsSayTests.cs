namespace Integry.Sdk.Tests.Passthrough.Pagination;

/// <summary>
/// For each app whose catalog entry declares pagination: the list response its documentation shows, page by page, and
/// the exact request the SDK must send for the next page; the listing ends where the docs say it does.
/// </summary>
public class EveryDeclaredAppPagesAsItsDocsSayTests
{
    public static IEnumerable<TestCaseData> Apps()
    {
        yield return Case("slack", "/channels", 3,
            new("https://slack.com/api/conversations.list?limit=2", """{"ok":true,"channels":[{"id":"C1"},{"id":"C2"}],"response_metadata":{"next_cursor":"dGVhbTpDMDYxRkE1UEI="}}"""),
            new("https://slack.com/api/conversations.list?limit=2&cursor=dGVhbTpDMDYxRkE1UEI%3D", """{"ok":true,"channels":[{"id":"C3"}],"response_metadata":{"next_cursor":""}}"""));
        yield return Case("hubspot", null, 3,
            new("https://api.hubapi.com/crm/v3/objects/contacts?limit=2", """{"results":[{"id":"1"},{"id":"2"}],"paging":{"next":{"after":"395","link":"https://api.hubapi.com/crm/v3/objects/contacts?after=395"}}}"""),
            new("https://api.hubapi.com/crm/v3/objects/contacts?limit=2&after=395", """{"results":[{"id":"3"}]}"""));
        yield return Case("salesforce", null, 3,
            new("https://acme.my.salesforce.com/services/data/v62.0/query?q=SELECT+Id+FROM+Account", """{"totalSize":3,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gD0000002HU6KIAW-2000","records":[{"Id":"001A"},{"Id":"001B"}]}"""),
            new("https://acme.my.salesforce.com/services/data/v62.0/query/01gD0000002HU6KIAW-2000", """{"totalSize":3,"done":true,"records":[{"Id":"001C"}]}"""));
        yield return Case("github", null, 3,
            new("https://api.github.com/repos/octo/hello/issues?per_page=2", """[{"id":1},{"id":2}]""", Link: "<https://api.github.com/repositories/1300192/issues?per_page=2&page=2>; rel=\"next\", <https://api.github.com/repositories/1300192/issues?per_page=2&page=2>; rel=\"last\""),
            new("https://api.github.com/repositories/1300192/issues?per_page=2&page=2", """[{"id":3}]""", Link: "<https://api.github.com/repositories/1300192/issues?per_page=2&page=1>; rel=\"prev\", <https://api.github.com/repositories/1300192/issues?per_page=2&page=1>; rel=\"first\""));
        yield return Case("stripe", null, 3,
            new("https://api.stripe.com/v1/customers?limit=2", """{"object":"list","url":"/v1/customers","has_more":true,"data":[{"id":"cus_A"},{"id":"cus_B"}]}"""),
            new("https://api.stripe.com/v1/customers?limit=2&starting_after=cus_B", """{"object":"list","url":"/v1/customers","has_more":false,"data":[{"id":"cus_C"}]}"""));
        yield return Case("notion", null, 3,
            new("https://api.notion.com/v1/databases/d1/query", """{"object":"list","results":[{"id":"p1"},{"id":"p2"}],"next_cursor":"fe2cc560-036c-44cd-90e8-294d5a74cebc","has_more":true}""", RequestBody: """{"page_size":2}""", Method: "POST"),
            new("https://api.notion.com/v1/databases/d1/query", """{"object":"list","results":[{"id":"p3"}],"next_cursor":null,"has_more":false}""", RequestBody: """{"page_size":2,"start_cursor":"fe2cc560-036c-44cd-90e8-294d5a74cebc"}""", Method: "POST"));
        yield return Case("zendesk", "/tickets", 3,
            new("https://acme.zendesk.com/api/v2/tickets.json?page%5Bsize%5D=2", """{"tickets":[{"id":1},{"id":2}],"meta":{"has_more":true,"after_cursor":"xxx","before_cursor":"yyy"},"links":{"next":"https://acme.zendesk.com/api/v2/tickets.json?page%5Bafter%5D=xxx&page%5Bsize%5D=2","prev":"https://acme.zendesk.com/api/v2/tickets.json?page%5Bbefore%5D=yyy&page%5Bsize%5D=2"}}"""),
            new("https://acme.zendesk.com/api/v2/tickets.json?page%5Bafter%5D=xxx&page%5Bsize%5D=2", """{"tickets":[{"id":3}],"meta":{"has_more":false,"after_cursor":"zzz","before_cursor":"xxx"},"links":{"next":"https://acme.zendesk.com/api/v2/tickets.json?page%5Bafter%5D=zzz&page%5Bsize%5D=2","prev":null}}"""));
        yield return Case("jira", null, 3,
            new("https://acme.atlassian.net/rest/api/3/project/search?maxResults=2", """{"startAt":0,"maxResults":2,"total":3,"isLast":false,"values":[{"id":"10000"},{"id":"10001"}]}"""),
            new("https://acme.atlassian.net/rest/api/3/project/search?maxResults=2&startAt=2", """{"startAt":2,"maxResults":2,"total":3,"isLast":true,"values":[{"id":"10002"}]}"""));
        yield return Case("asana", null, 3,
            new("https://app.asana.com/api/1.0/tasks?project=1&limit=2", """{"data":[{"gid":"1"},{"gid":"2"}],"next_page":{"offset":"eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9","path":"/tasks?project=1&limit=2&offset=eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9","uri":"https://app.asana.com/api/1.0/tasks?project=1&limit=2&offset=eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9"}}"""),
            new("https://app.asana.com/api/1.0/tasks?project=1&limit=2&offset=eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9", """{"data":[{"gid":"3"}],"next_page":null}"""));
        yield return Case("airtable", null, 3,
            new("https://api.airtable.com/v0/appX/tblY?pageSize=2", """{"records":[{"id":"rec1"},{"id":"rec2"}],"offset":"itrX/recY"}"""),
            new("https://api.airtable.com/v0/appX/tblY?pageSize=2&offset=itrX%2FrecY", """{"records":[{"id":"rec3"}]}"""));
        yield return Case("pipedrive", null, 3,
            new("https://api.pipedrive.com/api/v2/persons?limit=2", """{"success":true,"data":[{"id":1},{"id":2}],"additional_data":{"next_cursor":"eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Mn0"}}"""),
            new("https://api.pipedrive.com/api/v2/persons?limit=2&cursor=eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Mn0", """{"success":true,"data":[{"id":3}],"additional_data":{"next_cursor":null}}"""));
        yield return Case("shopify", "/products", 3,
            new("https://acme.myshopify.com/admin/api/2025-01/products.json?limit=2", """{"products":[{"id":1},{"id":2}]}""", Link: "<https://acme.myshopify.com/admin/api/2025-01/products.json?limit=2&page_info=hijgklmn>; rel=\"next\""),
            new("https://acme.myshopify.com/admin/api/2025-01/products.json?limit=2&page_info=hijgklmn", """{"products":[{"id":3}]}""", Link: "<https://acme.myshopify.com/admin/api/2025-01/products.json?limit=2&page_info=abcdefg>; rel=\"previous\""));
        yield return Case("intercom", null, 3,
            new("https://api.intercom.io/contacts?per_page=2", """{"type":"list","data":[{"id":"c1"},{"id":"c2"}],"total_count":3,"pages":{"type":"pages","next":{"page":2,"starting_after":"WzE2MzU4NjA2NDE5NTYuMCwiNjE3YTMxN2QyNzViOTMxNmU1ZGQyODM5Il0="},"page":1,"per_page":2,"total_pages":2}}"""),
            new("https://api.intercom.io/contacts?per_page=2&starting_after=WzE2MzU4NjA2NDE5NTYuMCwiNjE3YTMxN2QyNzViOTMxNmU1ZGQyODM5Il0%3D", """{"type":"list","data":[{"id":"c3"}],"total_count":3,"pages":{"type":"pages","page":2,"per_page":2,"total_pages":2}}"""));
        yield return Case("mailchimp", "/members", 3,
            new("https://acme.api.mailchimp.com/3.0/lists/abc/members?count=2", """{"members":[{"id":"m1"},{"id":"m2"}],"list_id":"abc","total_items":3}"""),
            new("https://acme.api.mailchimp.com/3.0/lists/abc/members?count=2&offset=2", """{"members":[{"id":"m3"}],"list_id":"abc","total_items":3}"""));
        yield return Case("zoom", "/users", 3,
            new("https://api.zoom.us/v2/users?page_size=2", """{"page_size":2,"total_records":3,"next_page_token":"R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42","users":[{"id":"u1"},{"id":"u2"}]}"""),
            new("https://api.zoom.us/v2/users?page_size=2&next_page_token=R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42", """{"page_size":2,"total_records":3,"next_page_token":"","users":[{"id":"u3"}]}"""));
        yield return Case("google-drive", null, 3,
            new("https://www.googleapis.com/drive/v3/files?pageSize=2", """{"kind":"drive#fileList","nextPageToken":"~!!~AI9FV7Q","files":[{"id":"f1"},{"id":"f2"}]}"""),
            new("https://www.googleapis.com/drive/v3/files?pageSize=2&pageToken=~%21%21~AI9FV7Q", """{"kind":"drive#fileList","files":[{"id":"f3"}]}"""));
        yield return Case("gmail", "/messages", 3,
            new("https://gmail.googleapis.com/gmail/v1/users/me/messages?maxResults=2", """{"messages":[{"id":"m1","threadId":"t1"},{"id":"m2","threadId":"t2"}],"nextPageToken":"09876543210","resultSizeEstimate":3}"""),
            new("https://gmail.googleapis.com/gmail/v1/users/me/messages?maxResults=2&pageToken=09876543210", """{"messages":[{"id":"m3","threadId":"t3"}],"resultSizeEstimate":3}"""));
        yield return Case("google-calendar", null, 3,
            new("https://www.googleapis.com/calendar/v3/calendars/primary/events?maxResults=2", """{"kind":"calendar#events","items":[{"id":"e1"},{"id":"e2"}],"nextPageToken":"CigKGjRhNnE"}"""),
            new("https://www.googleapis.com/calendar/v3/calendars/primary/events?maxResults=2&pageToken=CigKGjRhNnE", """{"kind":"calendar#events","items":[{"id":"e3"}],"nextSyncToken":"CPjx"}"""));
        yield return Case("youtube", null, 3,
            new("https://www.googleapis.com/youtube/v3/playlistItems?part=snippet&playlistId=PL1&maxResults=2", """{"kind":"youtube#playlistItemListResponse","nextPageToken":"EAAaBlBUOkNBSQ","items":[{"id":"v1"},{"id":"v2"}],"pageInfo":{"totalResults":3,"resultsPerPage":2}}"""),
            new("https://www.googleapis.com/youtube/v3/playlistItems?part=snippet&playlistId=PL1&maxResults=2&pageToken=EAAaBlBUOkNBSQ", """{"kind":"youtube#playlistItemListResponse","prevPageToken":"EAEaBlBUOkNBSQ","items":[{"id":"v3"}],"pageInfo":{"totalResults":3,"resultsPerPage":2}}"""));
        yield return Case("microsoft-graph", null, 3,
            new("https://graph.microsoft.com/v1.0/users?$top=2", """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$top=2&$skiptoken=RFNwdAIAAQAAAD8","value":[{"id":"u1"},{"id":"u2"}]}"""),
            new("https://graph.microsoft.com/v1.0/users?$top=2&$skiptoken=RFNwdAIAAQAAAD8", """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[{"id":"u3"}]}"""));
        yield return Case("microsoft-outlook", null, 3,
            new("https://graph.microsoft.com/v1.0/me/messages?$top=2", """{"@odata.nextLink":"https://graph.microsoft.com/v1.0/me/messages?$top=2&$skip=2","value":[{"id":"AAMk1"},{"id":"AAMk2"}]}"""),
            new("https://graph.microsoft.com/v1.0/me/messages?$top=2&$skip=2", """{"value":[{"id":"AAMk3"}]}"""));
        yield return Case("gitlab", null, 3,
            new("https://gitlab.com/api/v4/projects?pagination=keyset&per_page=2&order_by=id&sort=desc", """[{"id":44},{"id":43}]""", Link: "<https://gitlab.com/api/v4/projects?id_before=43&imports=false&order_by=id&page=1&pagination=keyset&per_page=2&sort=desc>; rel=\"next\""),
            new("https://gitlab.com/api/v4/projects?id_before=43&imports=false&order_by=id&page=1&pagination=keyset&per_page=2&sort=desc", """[{"id":42}]"""));
        yield return Case("sentry", null, 3,
            new("https://sentry.io/api/0/projects/", """[{"id":"1"},{"id":"2"}]""", Link: "<https://sentry.io/api/0/projects/?&cursor=1420837590:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"1420837590:0:1\", <https://sentry.io/api/0/projects/?&cursor=1420837533:0:0>; rel=\"next\"; results=\"true\"; cursor=\"1420837533:0:0\""),
            new("https://sentry.io/api/0/projects/?&cursor=1420837533:0:0", """[{"id":"3"}]""", Link: "<https://sentry.io/api/0/projects/?&cursor=1420837590:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"1420837590:0:1\", <https://sentry.io/api/0/projects/?&cursor=1420837533:1:0>; rel=\"next\"; results=\"false\"; cursor=\"1420837533:1:0\""));
        yield return Case("okta", null, 3,
            new("https://acme.okta.com/api/v1/users?limit=2", """[{"id":"00u1"},{"id":"00u2"}]""", Link: "<https://acme.okta.com/api/v1/users?limit=2>; rel=\"self\", <https://acme.okta.com/api/v1/users?after=00ubfjQEMYBLRUWIEDKK&limit=2>; rel=\"next\""),
            new("https://acme.okta.com/api/v1/users?after=00ubfjQEMYBLRUWIEDKK&limit=2", """[{"id":"00u3"}]""", Link: "<https://acme.okta.com/api/v1/users?after=00ubfjQEMYBLRUWIEDKK&limit=2>; rel=\"self\""));
        yield return Case("freshdesk", null, 3,
            new("https://acme.freshdesk.com/api/v2/tickets?per_page=2", """[{"id":1},{"id":2}]""", Link: "<https://acme.freshdesk.com/api/v2/tickets?per_page=2&page=2>;rel=\"next\""),
            new("https://acme.freshdesk.com/api/v2/tickets?per_page=2&page=2", """[{"id":3}]"""));
        yield return Case("greenhouse", null, 3,
            new("https://harvest.greenhouse.io/v1/candidates?per_page=2", """[{"id":1},{"id":2}]""", Link: "<https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2>; rel=\"next\", <https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2>; rel=\"last\""),
            new("https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2", """[{"id":3}]""", Link: "<https://harvest.greenhouse.io/v1/candidates?page=1&per_page=2>; rel=\"prev\""));
        yield return Case("klaviyo", null, 3,
            new("https://a.klaviyo.com/api/profiles", """{"data":[{"id":"p1"},{"id":"p2"}],"links":{"self":"https://a.klaviyo.com/api/profiles","next":"https://a.klaviyo.com/api/profiles?page%5Bcursor%5D=bmV4dDo6aWQ6Ojo2","prev":null}}"""),
            new("https://a.klaviyo.com/api/profiles?page%5Bcursor%5D=bmV4dDo6aWQ6Ojo2", """{"data":[{"id":"p3"}],"links":{"self":"https://a.klaviyo.com/api/profiles?page%5Bcursor%5D=bmV4dDo6aWQ6Ojo2","next":null,"prev":"https://a.klaviyo.com/api/profiles"}}"""));
        yield return Case("calendly", null, 3,
            new("https://api.calendly.com/scheduled_events?count=2&user=https%3A%2F%2Fapi.calendly.com%2Fusers%2FU1", """{"collection":[{"uri":"e1"},{"uri":"e2"}],"pagination":{"count":2,"next_page":"https://api.calendly.com/scheduled_events?count=2&page_token=sNjq4TvMDfUHEl7zHRR0k0E1PCEJWvdi&user=https%3A%2F%2Fapi.calendly.com%2Fusers%2FU1","previous_page":null,"next_page_token":"sNjq4TvMDfUHEl7zHRR0k0E1PCEJWvdi","previous_page_token":null}}"""),
            new("https://api.calendly.com/scheduled_events?count=2&page_token=sNjq4TvMDfUHEl7zHRR0k0E1PCEJWvdi&user=https%3A%2F%2Fapi.calendly.com%2Fusers%2FU1", """{"collection":[{"uri":"e3"}],"pagination":{"count":1,"next_page":null,"previous_page":"https://api.calendly.com/scheduled_events?count=2","next_page_token":null,"previous_page_token":"x"}}"""));
        yield return Case("twilio", "/messages", 3,
            new("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=2", """{"messages":[{"sid":"SM1"},{"sid":"SM2"}],"first_page_uri":"/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=0","next_page_uri":"/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=1&PageToken=PASM2","page":0,"page_size":2,"previous_page_uri":null,"uri":"/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=0"}"""),
            new("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=1&PageToken=PASM2", """{"messages":[{"sid":"SM3"}],"next_page_uri":null,"page":1,"page_size":2}"""));
        yield return Case("bitbucket", null, 3,
            new("https://api.bitbucket.org/2.0/repositories/acme?pagelen=2", """{"pagelen":2,"values":[{"uuid":"r1"},{"uuid":"r2"}],"page":1,"size":3,"next":"https://api.bitbucket.org/2.0/repositories/acme?pagelen=2&page=2"}"""),
            new("https://api.bitbucket.org/2.0/repositories/acme?pagelen=2&page=2", """{"pagelen":2,"values":[{"uuid":"r3"}],"page":2,"size":3,"previous":"https://api.bitbucket.org/2.0/repositories/acme?pagelen=2&page=1"}"""));
        yield return Case("confluence", null, 3,
            new("https://acme.atlassian.net/wiki/api/v2/pages?limit=2", """{"results":[{"id":"1"},{"id":"2"}],"_links":{"next":"/wiki/api/v2/pages?limit=2&cursor=eyJpZCI6IjIifQ","base":"https://acme.atlassian.net/wiki"}}"""),
            new("https://acme.atlassian.net/wiki/api/v2/pages?limit=2&cursor=eyJpZCI6IjIifQ", """{"results":[{"id":"3"}],"_links":{"base":"https://acme.atlassian.net/wiki"}}"""));
        yield return Case("typeform", null, 3,
            new("https://api.typeform.com/forms?page_size=2", """{"total_items":3,"page_count":2,"items":[{"id":"f1"},{"id":"f2"}]}"""),
            new("https://api.typeform.com/forms?page_size=2&page=2", """{"total_items":3,"page_count":2,"items":[{"id":"f3"}]}"""));
        yield return Case("zoho-crm", null, 3,
            new("https://www.zohoapis.com/crm/v7/Leads?fields=Last_Name&per_page=2", """{"data":[{"id":"1"},{"id":"2"}],"info":{"per_page":2,"count":2,"page":1,"more_records":true}}"""),
            new("https://www.zohoapis.com/crm/v7/Leads?fields=Last_Name&per_page=2&page=2", """{"data":[{"id":"3"}],"info":{"per_page":2,"count":1,"page":2,"more_records":false}}"""));
        yield return Case("clickup", null, 3,
            new("https://api.clickup.com/api/v2/list/9/task", """{"tasks":[{"id":"t1"},{"id":"t2"}],"last_page":false}"""),
            new("https://api.clickup.com/api/v2/list/9/task?page=1", """{"tasks":[{"id":"t3"}],"last_page":true}"""));
        yield return Case("cloudflare", null, 3,
            new("https://api.cloudflare.com/client/v4/zones?per_page=2", """{"success":true,"errors":[],"messages":[],"result":[{"id":"z1"},{"id":"z2"}],"result_info":{"page":1,"per_page":2,"count":2,"total_count":3,"total_pages":2}}"""),
            new("https://api.cloudflare.com/client/v4/zones?per_page=2&page=2", """{"success":true,"errors":[],"messages":[],"result":[{"id":"z3"}],"result_info":{"page":2,"per_page":2,"count":1,"total_count":3,"total_pages":2}}"""));
        yield return Case("smartsheet", null, 3,
            new("https://api.smartsheet.com/2.0/sheets?pageSize=2", """{"pageNumber":1,"pageSize":2,"totalPages":2,"totalCount":3,"data":[{"id":1},{"id":2}]}"""),
            new("https://api.smartsheet.com/2.0/sheets?pageSize=2&page=2", """{"pageNumber":2,"pageSize":2,"totalPages":2,"totalCount":3,"data":[{"id":3}]}"""));
        yield return Case("pagerduty", "/incidents", 3,
            new("https://api.pagerduty.com/incidents?limit=2", """{"incidents":[{"id":"P1"},{"id":"P2"}],"limit":2,"offset":0,"more":true,"total":null}"""),
            new("https://api.pagerduty.com/incidents?limit=2&offset=2", """{"incidents":[{"id":"P3"}],"limit":2,"offset":2,"more":false,"total":null}"""));
        yield return Case("close", null, 3,
            new("https://api.close.com/api/v1/lead/?_limit=2", """{"data":[{"id":"lead_1"},{"id":"lead_2"}],"has_more":true}"""),
            new("https://api.close.com/api/v1/lead/?_limit=2&_skip=2", """{"data":[{"id":"lead_3"}],"has_more":false}"""));
        yield return Case("box", null, 3,
            new("https://api.box.com/2.0/folders/0/items?limit=2", """{"entries":[{"id":"1"},{"id":"2"}],"limit":2,"offset":0,"total_count":3}"""),
            new("https://api.box.com/2.0/folders/0/items?limit=2&offset=2", """{"entries":[{"id":"3"}],"limit":2,"offset":2,"total_count":3}"""));
        yield return Case("contentful", null, 3,
            new("https://cdn.contentful.com/spaces/s1/entries?limit=2", """{"sys":{"type":"Array"},"skip":0,"limit":2,"total":3,"items":[{"sys":{"id":"1"}},{"sys":{"id":"2"}}]}"""),
            new("https://cdn.contentful.com/spaces/s1/entries?limit=2&skip=2", """{"sys":{"type":"Array"},"skip":2,"limit":2,"total":3,"items":[{"sys":{"id":"3"}}]}"""));
        yield return Case("activecampaign", "/contacts", 3,
            new("https://acme.api-us1.com/api/3/contacts?limit=2", """{"contacts":[{"id":"1"},{"id":"2"}],"meta":{"total":"3"}}"""),
            new("https://acme.api-us1.com/api/3/contacts?limit=2&offset=2", """{"contacts":[{"id":"3"}],"meta":{"total":"3"}}"""));
        yield return Case("webflow", "/pages", 3,
            new("https://api.webflow.com/v2/sites/s1/pages?limit=2", """{"pages":[{"id":"1"},{"id":"2"}],"pagination":{"limit":2,"offset":0,"total":3}}"""),
            new("https://api.webflow.com/v2/sites/s1/pages?limit=2&offset=2", """{"pages":[{"id":"3"}],"pagination":{"limit":2,"offset":2,"total":3}}"""));
        yield return Case("lever", null, 3,
            new("https://api.lever.co/v1/opportunities?limit=2", """{"data":[{"id":"o1"},{"id":"o2"}],"hasNext":true,"next":"0.1414895548650.a6070140-33db-407c-91f5-a760c52ff37b"}"""),
            new("https://api.lever.co/v1/opportunities?limit=2&offset=0.1414895548650.a6070140-33db-407c-91f5-a760c52ff37b", """{"data":[{"id":"o3"}],"hasNext":false}"""));
        yield return Case("chargebee", null, 3,
            new("https://acme.chargebee.com/api/v2/customers?limit=2", """{"list":[{"customer":{"id":"c1"}},{"customer":{"id":"c2"}}],"next_offset":"[\"1517505981000\",\"230000000093\"]"}"""),
            new("https://acme.chargebee.com/api/v2/customers?limit=2&offset=%5B%221517505981000%22%2C%22230000000093%22%5D", """{"list":[{"customer":{"id":"c3"}}]}"""));
        yield return Case("square", "/customers", 3,
            new("https://connect.squareup.com/v2/customers?limit=2", """{"customers":[{"id":"1"},{"id":"2"}],"cursor":"CAESBmFiY2RlZg"}"""),
            new("https://connect.squareup.com/v2/customers?limit=2&cursor=CAESBmFiY2RlZg", """{"customers":[{"id":"3"}]}"""));
        yield return Case("eventbrite", "/events", 3,
            new("https://www.eventbriteapi.com/v3/organizations/1/events/", """{"pagination":{"object_count":3,"continuation":"AEtFRyiWxkr0ZXyCJcnZ5U1-uSWXJ6vO0sibGJbm","page_count":2,"page_size":2,"has_more_items":true,"page_number":1},"events":[{"id":"1"},{"id":"2"}]}"""),
            new("https://www.eventbriteapi.com/v3/organizations/1/events/?continuation=AEtFRyiWxkr0ZXyCJcnZ5U1-uSWXJ6vO0sibGJbm", """{"pagination":{"object_count":3,"page_count":2,"page_size":2,"has_more_items":false,"page_number":2},"events":[{"id":"3"}]}"""));
        yield return Case("miro", null, 3,
            new("https://api.miro.com/v2/boards/b1/items?limit=2", """{"data":[{"id":"1"},{"id":"2"}],"total":3,"size":2,"cursor":"MzQ1ODc2NDUyMjQ5MDA4Mjg5NX4=","limit":2,"type":"cursor-list"}"""),
            new("https://api.miro.com/v2/boards/b1/items?limit=2&cursor=MzQ1ODc2NDUyMjQ5MDA4Mjg5NX4%3D", """{"data":[{"id":"3"}],"total":3,"size":1,"limit":2,"type":"cursor-list"}"""));
        yield return Case("todoist", null, 3,
            new("https://api.todoist.com/api/v1/tasks?limit=2", """{"results":[{"id":"1"},{"id":"2"}],"next_cursor":"MjMyMXxudWxs"}"""),
            new("https://api.todoist.com/api/v1/tasks?limit=2&cursor=MjMyMXxudWxs", """{"results":[{"id":"3"}],"next_cursor":null}"""));
        yield return Case("facebook", null, 3,
            new("https://graph.facebook.com/v21.0/me/accounts?limit=2", """{"data":[{"id":"1"},{"id":"2"}],"paging":{"cursors":{"before":"MTAx","after":"MTAy"},"next":"https://graph.facebook.com/v21.0/me/accounts?limit=2&after=MTAy"}}"""),
            new("https://graph.facebook.com/v21.0/me/accounts?limit=2&after=MTAy", """{"data":[{"id":"3"}],"paging":{"cursors":{"before":"MTAz","after":"MTAz"},"previous":"https://graph.facebook.com/v21.0/me/accounts?limit=2&before=MTAz"}}"""));
        yield return Case("help-scout", "/_embedded/conversations", 3,
            new("https://api.helpscout.net/v2/conversations", """{"_embedded":{"conversations":[{"id":1},{"id":2}]},"_links":{"self":{"href":"https://api.helpscout.net/v2/conversations?page=1"},"next":{"href":"https://api.helpscout.net/v2/conversations?page=2"}},"page":{"size":2,"totalElements":3,"totalPages":2,"number":1}}"""),
            new("https://api.helpscout.net/v2/conversations?page=2", """{"_embedded":{"conversations":[{"id":3}]},"_links":{"self":{"href":"https://api.helpscout.net/v2/conversations?page=2"}},"page":{"size":2,"totalElements":3,"totalPages":2,"number":2}}"""));
        yield return Case("front", null, 3,
            new("https://api2.frontapp.com/conversations?limit=2", """{"_pagination":{"next":"https://api2.frontapp.com/conversations?limit=2&page_token=abc"},"_links":{"self":"https://api2.frontapp.com/conversations"},"_results":[{"id":"cnv_1"},{"id":"cnv_2"}]}"""),
            new("https://api2.frontapp.com/conversations?limit=2&page_token=abc", """{"_pagination":{"next":null},"_links":{"self":"https://api2.frontapp.com/conversations"},"_results":[{"id":"cnv_3"}]}"""));
        yield return Case("recurly", null, 3,
            new("https://v3.recurly.com/accounts?limit=2", """{"object":"list","has_more":true,"next":"/accounts?cursor=ph7s4f6gc4ar%3A1617034800.000000&limit=2","data":[{"id":"a1"},{"id":"a2"}]}"""),
            new("https://v3.recurly.com/accounts?cursor=ph7s4f6gc4ar%3A1617034800.000000&limit=2", """{"object":"list","has_more":false,"next":null,"data":[{"id":"a3"}]}"""));
        yield return Case("wrike", null, 3,
            new("https://www.wrike.com/api/v4/tasks?pageSize=2", """{"kind":"tasks","nextPageToken":"ADE7SXYAAAAAUAAAAAAQAAAAAAAAAAA","responseSize":3,"data":[{"id":"1"},{"id":"2"}]}"""),
            new("https://www.wrike.com/api/v4/tasks?pageSize=2&nextPageToken=ADE7SXYAAAAAUAAAAAAQAAAAAAAAAAA", """{"kind":"tasks","responseSize":3,"data":[{"id":"3"}]}"""));
        yield return Case("harvest", "/clients", 3,
            new("https://api.harvestapp.com/v2/clients?per_page=2", """{"clients":[{"id":1},{"id":2}],"per_page":2,"total_pages":2,"total_entries":3,"next_page":2,"previous_page":null,"page":1,"links":{"first":"https://api.harvestapp.com/v2/clients?page=1&per_page=2","next":"https://api.harvestapp.com/v2/clients?page=2&per_page=2","previous":null,"last":"https://api.harvestapp.com/v2/clients?page=2&per_page=2"}}"""),
            new("https://api.harvestapp.com/v2/clients?page=2&per_page=2", """{"clients":[{"id":3}],"per_page":2,"total_pages":2,"total_entries":3,"next_page":null,"previous_page":1,"page":2,"links":{"first":"https://api.harvestapp.com/v2/clients?page=1&per_page=2","next":null,"previous":"https://api.harvestapp.com/v2/clients?page=1&per_page=2","last":"https://api.harvestapp.com/v2/clients?page=2&per_page=2"}}"""));
        yield return Case("digitalocean", "/droplets", 3,
            new("https://api.digitalocean.com/v2/droplets?per_page=2", """{"droplets":[{"id":1},{"id":2}],"links":{"pages":{"last":"https://api.digitalocean.com/v2/droplets?page=2&per_page=2","next":"https://api.digitalocean.com/v2/droplets?page=2&per_page=2"}},"meta":{"total":3}}"""),
            new("https://api.digitalocean.com/v2/droplets?page=2&per_page=2", """{"droplets":[{"id":3}],"links":{"pages":{"first":"https://api.digitalocean.com/v2/droplets?page=1&per_page=2","prev":"https://api.digitalocean.com/v2/droplets?page=1&per_page=2"}},"meta":{"total":3}}"""));
        yield return Case("spotify", null, 3,
            new("https://api.spotify.com/v1/me/tracks?limit=2", """{"href":"https://api.spotify.com/v1/me/tracks?offset=0&limit=2","items":[{"track":{"id":"1"}},{"track":{"id":"2"}}],"limit":2,"next":"https://api.spotify.com/v1/me/tracks?offset=2&limit=2","offset":0,"previous":null,"total":3}"""),
            new("https://api.spotify.com/v1/me/tracks?offset=2&limit=2", """{"href":"https://api.spotify.com/v1/me/tracks?offset=2&limit=2","items":[{"track":{"id":"3"}}],"limit":2,"next":null,"offset":2,"previous":"https://api.spotify.com/v1/me/tracks?offset=0&limit=2","total":3}"""));
        yield return Case("vercel", "/projects", 3,
            new("https://api.vercel.com/v9/projects?limit=2", """{"projects":[{"id":"prj_1"},{"id":"prj_2"}],"pagination":{"count":2,"next":1555072968396,"prev":1555413045188}}"""),
            new("https://api.vercel.com/v9/projects?limit=2&until=1555072968396", """{"projects":[{"id":"prj_3"}],"pagination":{"count":1,"next":null,"prev":1555072968395}}"""));
        yield return Case("segment", "/data/sources", 3,
            new("https://api.segmentapis.com/sources?pagination.count=2", """{"data":{"sources":[{"id":"1"},{"id":"2"}],"pagination":{"current":"MA==","next":"MQ==","totalEntries":3}}}"""),
            new("https://api.segmentapis.com/sources?pagination.count=2&pagination.cursor=MQ%3D%3D", """{"data":{"sources":[{"id":"3"}],"pagination":{"current":"MQ==","previous":"MA==","totalEntries":3}}}"""));
        yield return Case("xero", "/Invoices", 3,
            new("https://api.xero.com/api.xro/2.0/Invoices?page=1", """{"Invoices":[{"InvoiceID":"1"},{"InvoiceID":"2"}]}"""),
            new("https://api.xero.com/api.xro/2.0/Invoices?page=2", """{"Invoices":[{"InvoiceID":"3"}]}"""),
            new("https://api.xero.com/api.xro/2.0/Invoices?page=3", """{"Invoices":[]}"""));
    }

    [TestCaseSource(nameof(Apps))]
    public async Task The_next_pages_are_asked_for_exactly_as_documented_and_the_listing_ends_on_the_last(string app, string? itemsPath, int items, DocumentedPage[] pages)
    {
        using var host = CatalogPaginationRig.Connect(app);
        var captured = CatalogPaginationRig.Expect(host, pages);
        var options = new PaginationOptions { ItemsPath = itemsPath };

        var received = new List<System.Text.Json.JsonElement>();
        await foreach (var item in host.Client.PaginateItemsAsync(app, CatalogPaginationRig.FirstRequest(pages[0]), options))
        {
            received.Add(item);
        }

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(captured.Select(request => request.Uri.AbsoluteUri), Is.EqualTo(pages.Select(page => new Uri(page.Url).AbsoluteUri)));
            Assert.That(captured.Select(request => request.BodyText), Is.EqualTo(pages.Select(page => page.RequestBody)));
            Assert.That(received, Has.Count.EqualTo(items));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public void At_least_25_apps_declare_pagination_and_each_has_a_case_here()
    {
        var declared = AppCatalog.BuiltIn.Apps.Where(app => app.Pagination is not null).Select(app => app.Slug).ToList();
        var covered = Apps().Select(data => (string)data.Arguments[0]!).ToHashSet();
        var uncovered = declared.Where(slug => !covered.Contains(slug) && !SameShapeAsACoveredApp.ContainsKey(slug)).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(covered, Has.Count.GreaterThanOrEqualTo(25));
            Assert.That(uncovered, Is.Empty, "each declared app has a documented-shape case, or shares one with an app that has");
            foreach (var (slug, twin) in SameShapeAsACoveredApp)
            {
                Assert.That(AppCatalog.BuiltIn.TryGetApp(slug, out var app) && AppCatalog.BuiltIn.TryGetApp(twin, out var other) && app.Pagination! with { Docs = null, ItemsPath = null } == other.Pagination! with { Docs = null, ItemsPath = null }, Is.True, $"{slug} pages as {twin} does");
            }
        }
    }

    /// <summary>Apps whose declaration is the same as a covered app's (the same API family): one documented-shape case covers both.</summary>
    private static readonly Dictionary<string, string> SameShapeAsACoveredApp = new()
    {
        ["google-contacts"] = "google-drive",
        ["google-tasks"] = "google-drive",
        ["google-bigquery"] = "google-drive",
        ["google-cloud-storage"] = "google-drive",
        ["google-forms"] = "google-drive",
        ["google-chat"] = "google-drive",
        ["google-meet"] = "google-drive",
        ["onedrive"] = "microsoft-graph",
        ["sharepoint"] = "microsoft-graph",
        ["microsoft-teams"] = "microsoft-graph",
        ["microsoft-todo"] = "microsoft-graph",
        ["microsoft-excel"] = "microsoft-graph",
        ["microsoft-dynamics-365"] = "microsoft-graph",
        ["instagram"] = "facebook",
    };

    private static TestCaseData Case(string app, string? itemsPath, int items, params DocumentedPage[] pages) =>
        new TestCaseData(app, itemsPath, items, pages).SetArgDisplayNames(app);
}
